package org.exchangenode.core.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.CryptoProviders;
import org.exchangenode.core.signing.SignatureAlgorithms;

/**
 * Issues a TEST ONLY public key infrastructure: a root CA and one node certificate per prefecture, SM2 or ECDSA
 * P-256. Used to regenerate {@code certs-sample/} and by tests that need rogue or expired certificates.
 *
 * <p>Command line: {@code SamplePkiGenerator <dir> <nodeId>=<agency name> ...} writes {@code <dir>/root-ca.crt.pem},
 * {@code <dir>/root-ca.key.pem} and, per node, {@code <dir>/<nodeId>/node.crt.pem} and {@code node.key.pem}.
 */
public final class SamplePkiGenerator {
    private static final String TEST_ONLY = "TEST ONLY - sample key material of Exchange Node; never use in production.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SamplePkiGenerator() {
    }

    /** A certificate with its private key. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: SamplePkiGenerator <output dir> <nodeId>=<agency name> ...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Instant now = Instant.now();
        Issued root = rootCa(SignatureAlgorithms.SM2_SM3, "Exchange Node Sample Root CA (TEST ONLY)", now,
                Duration.ofDays(3653 * 2));
        String regenerate = "Regenerate: mvn -q -pl certs-sample -am -Pregenerate-pki -DskipTests package";
        PemFiles.write(dir.resolve("root-ca.crt.pem"), TEST_ONLY + "\nSample root CA: the trust anchor.\n" + regenerate,
                List.of(root.certificate()));
        PemFiles.write(dir.resolve("root-ca.key.pem"), TEST_ONLY + "\n" + regenerate, List.of(root.keys().getPrivate()));
        for (int i = 1; i < args.length; i++) {
            String[] spec = args[i].split("=", 2);
            Issued node = node(root, SignatureAlgorithms.SM2_SM3, spec[0], spec.length > 1 ? spec[1] : spec[0], now,
                    Duration.ofDays(3653));
            PemFiles.write(dir.resolve(spec[0]).resolve("node.crt.pem"), TEST_ONLY + "\nNode " + spec[0]
                    + " certificate, then the root CA.\n" + regenerate, List.of(node.certificate(), root.certificate()));
            PemFiles.write(dir.resolve(spec[0]).resolve("node.key.pem"), TEST_ONLY + "\n" + regenerate,
                    List.of(node.keys().getPrivate()));
            System.out.println("issued " + node.certificate().getSubjectX500Principal());
        }
    }

    public static KeyPair keyPair(SignatureAlgorithms algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bc());
            generator.initialize(new ECGenParameterSpec(algorithm.curve().getId()), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot generate a key pair: " + e.getMessage(), e);
        }
    }

    public static Issued rootCa(SignatureAlgorithms algorithm, String commonName, Instant notBefore, Duration validity) {
        KeyPair keys = keyPair(algorithm);
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, "Exchange Node TEST ONLY").addRDN(BCStyle.CN, commonName).build();
        X509Certificate certificate = issue(name, keys.getPublic(), name, keys.getPrivate(), keys.getPublic(),
                algorithm, notBefore, validity, true);
        return new Issued(keys, certificate);
    }

    /** A node certificate whose subject CN is the node id, issued by {@code ca}. */
    public static Issued node(Issued ca, SignatureAlgorithms algorithm, String nodeId, String agencyName,
                              Instant notBefore, Duration validity) {
        KeyPair keys = keyPair(algorithm);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, agencyName + " (TEST ONLY)").addRDN(BCStyle.CN, nodeId).build();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        SignatureAlgorithms caAlgorithm = SignatureAlgorithms.forKey(ca.certificate().getPublicKey());
        X509Certificate certificate = issue(subject, keys.getPublic(), issuer, ca.keys().getPrivate(),
                ca.keys().getPublic(), caAlgorithm, notBefore, validity, false);
        return new Issued(keys, certificate);
    }

    /** A certificate for the network authority, which signs the peer directory (not a CA, not a node). */
    public static Issued authority(Issued ca, SignatureAlgorithms algorithm, String commonName, Instant notBefore,
                                   Duration validity) {
        KeyPair keys = keyPair(algorithm);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, "Exchange Node TEST ONLY").addRDN(BCStyle.CN, commonName).build();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X509Certificate certificate = issue(subject, keys.getPublic(), issuer, ca.keys().getPrivate(),
                ca.keys().getPublic(), SignatureAlgorithms.forKey(ca.certificate().getPublicKey()), notBefore, validity, false);
        return new Issued(keys, certificate);
    }

    /**
     * A CRL of {@code ca} revoking {@code serials} as of {@code revokedAt}, valid from {@code thisUpdate} until
     * {@code nextUpdate} (TEST ONLY: a network's CA issues the real ones).
     */
    public static java.security.cert.X509CRL crl(Issued ca, List<BigInteger> serials, Instant revokedAt,
                                                 Instant thisUpdate, Instant nextUpdate) {
        try {
            X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            var builder = new org.bouncycastle.cert.X509v2CRLBuilder(issuer, Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger serial : serials) {
                builder.addCRLEntry(serial, Date.from(revokedAt), org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            SignatureAlgorithms algorithm = SignatureAlgorithms.forKey(ca.certificate().getPublicKey());
            var signer = new JcaContentSignerBuilder(algorithm.jcaName()).setProvider(CryptoProviders.bc())
                    .build(ca.keys().getPrivate());
            return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().setProvider(CryptoProviders.bc())
                    .getCRL(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot issue a CRL: " + e.getMessage(), e);
        }
    }

    private static X509Certificate issue(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                         PublicKey issuerPublicKey, SignatureAlgorithms algorithm, Instant notBefore,
                                         Duration validity, boolean ca) {
        try {
            Instant start = notBefore.minus(Duration.ofHours(1));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(96, RANDOM).add(BigInteger.ONE), Date.from(start), Date.from(start.plus(validity)),
                    subject, subjectKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerPublicKey));
            var signer = new JcaContentSignerBuilder(algorithm.jcaName()).setProvider(CryptoProviders.bc()).build(issuerKey);
            return new JcaX509CertificateConverter().setProvider(CryptoProviders.bc()).getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot issue a certificate: " + e.getMessage(), e);
        }
    }
}
