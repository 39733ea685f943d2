package org.exchangenode.core.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.exchangenode.core.envelope.Namespaces;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.exchangenode.core.signing.CryptoProviders;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.xml.Dom;
import org.exchangenode.core.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Payload encryption for a receiver (see {@code EncryptedBody} in transport-1.xsd): the form is encrypted with a fresh
 * content key and the message id as additional authenticated data, so that a ciphertext cannot be moved into another
 * message; the envelope is signed over the encrypted body, and the receiver verifies before it decrypts.
 */
public final class PayloadCrypto {
    public static final String SM4_SM2 = "SM4-GCM/SM2";
    public static final String AES_ECDH = "AES-256-GCM/ECDH-P256";
    private static final String P = "tr";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PayloadCrypto() {
    }

    /** Whether a body element is an encrypted one. */
    public static boolean isEncrypted(Element body) {
        return "EncryptedBody".equals(body.getLocalName()) && Namespaces.TRANSPORT.equals(body.getNamespaceURI());
    }

    /** The EncryptedBody of {@code form} for the holder of {@code recipient}'s key, bound to {@code messageId}. */
    public static Element encrypt(Element form, X509Certificate recipient, String messageId) {
        Document alone = SecureXml.newDocument();
        alone.appendChild(alone.importNode(form, true));
        byte[] plaintext = SecureXml.toBytes(alone);
        PublicKey key = recipient.getPublicKey();
        SignatureAlgorithms suite = SignatureAlgorithms.forKey(key);
        try {
            Element body = root();
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            byte[] contentKey;
            String algorithm;
            if (suite == SignatureAlgorithms.SM2_SM3) {
                algorithm = SM4_SM2;
                contentKey = new byte[16];
                RANDOM.nextBytes(contentKey);
                Cipher sm2 = Cipher.getInstance("SM2", CryptoProviders.bc());
                sm2.init(Cipher.ENCRYPT_MODE, key, RANDOM);
                append(body, "Algorithm", algorithm);
                append(body, "RecipientCertificateSerial", recipient.getSerialNumber().toString(16));
                append(body, "WrappedKey", Base64.getEncoder().encodeToString(sm2.doFinal(contentKey)));
            } else {
                algorithm = AES_ECDH;
                KeyPair ephemeral = SamplePkiGenerator.keyPair(SignatureAlgorithms.ECDSA_P256_SHA256);
                contentKey = agree(ephemeral.getPrivate(), key);
                append(body, "Algorithm", algorithm);
                append(body, "RecipientCertificateSerial", recipient.getSerialNumber().toString(16));
                append(body, "EphemeralPublicKey", Base64.getEncoder().encodeToString(ephemeral.getPublic().getEncoded()));
            }
            Cipher gcm = Cipher.getInstance(algorithm.equals(SM4_SM2) ? "SM4/GCM/NoPadding" : "AES/GCM/NoPadding",
                    CryptoProviders.bc());
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKey, algorithm.equals(SM4_SM2) ? "SM4" : "AES"),
                    new GCMParameterSpec(128, nonce));
            gcm.updateAAD(messageId.getBytes(StandardCharsets.UTF_8));
            append(body, "Nonce", Base64.getEncoder().encodeToString(nonce));
            append(body, "Ciphertext", Base64.getEncoder().encodeToString(gcm.doFinal(plaintext)));
            return body;
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot encrypt for " + recipient.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The form inside an EncryptedBody, for the holder of {@code key} (whose certificate has serial {@code ownSerial}),
     * parsed safely. A body for another certificate, another message or altered is refused with DECRYPTION_FAILED.
     */
    public static Element decrypt(Element body, PrivateKey key, String ownSerial, String messageId, int maxBytes) {
        String algorithm = Dom.text(body, Namespaces.TRANSPORT, "Algorithm");
        String serial = Dom.text(body, Namespaces.TRANSPORT, "RecipientCertificateSerial");
        if (!ownSerial.equalsIgnoreCase(serial)) {
            throw new ExchangeException(ErrorCode.DECRYPTION_FAILED, "the body is encrypted for certificate serial "
                    + serial + ", not this node's " + ownSerial);
        }
        try {
            byte[] contentKey;
            if (SM4_SM2.equals(algorithm)) {
                Cipher sm2 = Cipher.getInstance("SM2", CryptoProviders.bc());
                sm2.init(Cipher.DECRYPT_MODE, key);
                contentKey = sm2.doFinal(Base64.getDecoder().decode(Dom.text(body, Namespaces.TRANSPORT, "WrappedKey")));
            } else if (AES_ECDH.equals(algorithm)) {
                PublicKey ephemeral = KeyFactory.getInstance("EC", CryptoProviders.bc()).generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(Dom.text(body, Namespaces.TRANSPORT, "EphemeralPublicKey"))));
                contentKey = agree(key, ephemeral);
            } else {
                throw new ExchangeException(ErrorCode.DECRYPTION_FAILED, "unknown encryption algorithm " + algorithm);
            }
            Cipher gcm = Cipher.getInstance(SM4_SM2.equals(algorithm) ? "SM4/GCM/NoPadding" : "AES/GCM/NoPadding",
                    CryptoProviders.bc());
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey, SM4_SM2.equals(algorithm) ? "SM4" : "AES"),
                    new GCMParameterSpec(128, Base64.getDecoder().decode(Dom.text(body, Namespaces.TRANSPORT, "Nonce"))));
            gcm.updateAAD(messageId.getBytes(StandardCharsets.UTF_8));
            byte[] plaintext = gcm.doFinal(Base64.getDecoder().decode(Dom.text(body, Namespaces.TRANSPORT, "Ciphertext")));
            return SecureXml.parse(plaintext, maxBytes).getDocumentElement();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ExchangeException(ErrorCode.DECRYPTION_FAILED, "the encrypted body cannot be decrypted with this "
                    + "node's key (altered, moved from another message, or not for this key): " + e.getMessage(), e);
        }
    }

    /**
     * Opens a body encrypted for any of {@code keys} (a node's current key and, ahead of a rollover, its next one),
     * chosen by the recipient certificate serial the body names.
     */
    public static Element decrypt(Element body, java.util.List<org.exchangenode.core.signing.NodeCredentials> keys,
                                  String messageId, int maxBytes) {
        String serial = Dom.text(body, Namespaces.TRANSPORT, "RecipientCertificateSerial");
        org.exchangenode.core.signing.NodeCredentials key = keys.stream()
                .filter(k -> k.certificate().getSerialNumber().toString(16).equalsIgnoreCase(serial)).findFirst()
                .orElse(keys.get(0));
        return decrypt(body, key.privateKey(), key.certificate().getSerialNumber().toString(16), messageId, maxBytes);
    }

    private static byte[] agree(PrivateKey own, PublicKey other) throws GeneralSecurityException {
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", CryptoProviders.bc());
        ecdh.init(own);
        ecdh.doPhase(other, true);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(ecdh.generateSecret());
        sha.update("exchange-node payload key".getBytes(StandardCharsets.US_ASCII));
        return sha.digest();
    }

    private static Element root() {
        Document document = SecureXml.newDocument();
        Element body = document.createElementNS(Namespaces.TRANSPORT, P + ":EncryptedBody");
        body.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + P, Namespaces.TRANSPORT);
        document.appendChild(body);
        return body;
    }

    private static void append(Element body, String name, String text) {
        Dom.append(body, Namespaces.TRANSPORT, P, name, text);
    }
}
