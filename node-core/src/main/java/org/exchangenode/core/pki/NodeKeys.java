package org.exchangenode.core.pki;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
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
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.CryptoProviders;
import org.exchangenode.core.signing.SignatureAlgorithms;

/**
 * The installer's key material: a node key pair (SM2 by default, EC P-256 optional) written only for its owner, a
 * PKCS#10 request naming the node id as CN, and the check that an issued certificate belongs to the key. Also the
 * TEST ONLY issuing of a request by the sample CA, for the demo, the tests and {@code certs-sample}.
 */
public final class NodeKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeKeys() {
    }

    /**
     * Generates a key pair and writes its private key to {@code file} (PKCS#8 PEM), readable by its owner only on a
     * POSIX file system; refuses to overwrite an existing file.
     */
    public static KeyPair generate(SignatureAlgorithms algorithm, Path file) {
        if (Files.exists(file)) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, file + " exists: a key is never overwritten "
                    + "(move it away first if you really mean to replace it)");
        }
        KeyPair keys = SamplePkiGenerator.keyPair(algorithm);
        PemFiles.write(file, "Private signing key of an Exchange Node. Keep it on this machine, readable by the node only.",
                List.of(keys.getPrivate()));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the installer protects the folder
        }
        return keys;
    }

    /** The public key of an EC private key (SM2 or P-256). */
    public static PublicKey publicKeyOf(PrivateKey key) {
        try {
            var ec = (org.bouncycastle.jce.interfaces.ECPrivateKey) KeyFactory.getInstance("EC", CryptoProviders.bc())
                    .translateKey(key);
            var q = ec.getParameters().getG().multiply(ec.getD()).normalize();
            return KeyFactory.getInstance("EC", CryptoProviders.bc()).generatePublic(new ECPublicKeySpec(q, ec.getParameters()));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "not an EC (SM2 or P-256) private key: " + e.getMessage(), e);
        }
    }

    /** A PKCS#10 request for a node certificate: subject C=CN, O=agency, CN=node id, signed with the key. */
    public static PKCS10CertificationRequest request(PrivateKey key, String nodeId, String agencyName) {
        if (!nodeId.matches("[1-9][0-9]{5}([0-9]{3})?")) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node id must be a 6-digit division code, "
                    + "optionally + 3-digit agency suffix; got '" + nodeId + "'");
        }
        PublicKey publicKey = publicKeyOf(key);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN").addRDN(BCStyle.O, agencyName)
                .addRDN(BCStyle.CN, nodeId).build();
        try {
            var signer = new JcaContentSignerBuilder(SignatureAlgorithms.forKey(publicKey).jcaName())
                    .setProvider(CryptoProviders.bc()).build(key);
            return new JcaPKCS10CertificationRequestBuilder(subject, publicKey).build(signer);
        } catch (OperatorCreationException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot sign the request: " + e.getMessage(), e);
        }
    }

    public static PKCS10CertificationRequest readRequest(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PKCS10CertificationRequest request) {
                    return request;
                }
            }
        } catch (IOException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "no certificate request (PKCS#10) in " + file);
    }

    /**
     * Checks an issued certificate before the node uses it: it belongs to the key (a signature made with the key
     * verifies with the certificate), names a node id as CN, allows signing, and chains to a trust anchor now.
     */
    public static void checkIssued(PrivateKey key, List<X509Certificate> chain,
                                   org.exchangenode.core.signing.TrustAnchors anchors) {
        X509Certificate certificate = chain.get(0);
        try {
            Signature signature = Signature.getInstance(SignatureAlgorithms.forKey(certificate.getPublicKey()).jcaName(),
                    CryptoProviders.bc());
            byte[] probe = new byte[32];
            RANDOM.nextBytes(probe);
            signature.initSign(key);
            signature.update(probe);
            byte[] signed = signature.sign();
            signature.initVerify(certificate.getPublicKey());
            signature.update(probe);
            if (!signature.verify(signed)) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "the certificate " + certificate.getSubjectX500Principal()
                        + " does not belong to this key");
            }
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "the certificate does not belong to this key ("
                    + e.getMessage() + ")", e);
        }
        if (!CertificateChecker.nodeIdOf(certificate).matches("[1-9][0-9]{5}([0-9]{3})?")) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "the certificate's CN '"
                    + CertificateChecker.nodeIdOf(certificate) + "' is not a node id");
        }
        new CertificateChecker(anchors).requireTrusted(chain, Instant.now());
    }

    /** TEST ONLY: the sample CA issues a node certificate for a request (whose signature must verify). */
    public static X509Certificate issue(SamplePkiGenerator.Issued ca, PKCS10CertificationRequest request, Duration validity) {
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request).setProvider(CryptoProviders.bc());
            PublicKey key = jca.getPublicKey();
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(CryptoProviders.bc()).build(key))) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "the request's signature does not verify");
            }
            Instant start = Instant.now().minus(Duration.ofHours(1));
            X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(96, RANDOM).add(BigInteger.ONE), Date.from(start), Date.from(start.plus(validity)),
                    request.getSubject(), key);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()));
            var signer = new JcaContentSignerBuilder(SignatureAlgorithms.forKey(ca.certificate().getPublicKey()).jcaName())
                    .setProvider(CryptoProviders.bc()).build(ca.keys().getPrivate());
            return new JcaX509CertificateConverter().setProvider(CryptoProviders.bc()).getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException | IOException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot issue a certificate for the request: "
                    + e.getMessage(), e);
        }
    }
}
