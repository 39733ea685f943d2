package org.exchangenode.core.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.CryptoProviders;

/** Reads and writes certificates and private keys as PEM files (the format installers handle with openssl). */
public final class PemFiles {
    private PemFiles() {
    }

    /** Every certificate in the file, in file order. */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            CertificateFactory factory = certificateFactory();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new java.io.ByteArrayInputStream(holder.getEncoded())));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "no certificate in " + file);
        }
        return certificates;
    }

    /** The single unencrypted private key (PKCS#8 or SEC1) in the file. */
    public static PrivateKey readPrivateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(CryptoProviders.bc());
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot read the private key from " + file + ": " + e.getMessage(), e);
        }
        throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "no unencrypted private key in " + file);
    }

    /** Decodes DER certificate bytes with the Bouncy Castle factory (which knows the SM2 curve). */
    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) certificateFactory().generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "unreadable certificate: " + e.getMessage(), e);
        }
    }

    /** Certificates as PEM text, each preceded by a comment line with its subject. */
    public static String certificatesPem(Collection<X509Certificate> certificates) {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            for (X509Certificate certificate : certificates) {
                writer.flush();
                pem.write("# " + certificate.getSubjectX500Principal().getName() + "\n");
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pem.toString();
    }

    /** Writes the objects (certificates, keys) as PEM, replacing the file, prefixed by comment lines. */
    public static void write(Path file, String comment, Collection<?> objects) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                for (Object object : objects) {
                    writer.writeObject(object);
                }
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String line : comment.split("\n")) {
                    out.write("# " + line + "\n");
                }
                out.write(pem.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CertificateFactory certificateFactory() throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509", CryptoProviders.bc());
    }
}
