package org.exchangenode.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import org.apache.xml.security.algorithms.SignatureAlgorithmSpi;
import org.apache.xml.security.signature.XMLSignatureException;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * Plugs SM2-with-SM3 into Apache Santuario under {@link SignatureAlgorithms#SM2_SM3_URI}. The signer id is the
 * GB/T 35276 default, set explicitly so that a change of Bouncy Castle defaults cannot change signatures.
 */
public final class Sm2Sm3SignatureSpi extends SignatureAlgorithmSpi {
    /** GB/T 35276 default signer identity. */
    public static final byte[] DEFAULT_SIGNER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private final Signature signature;

    public Sm2Sm3SignatureSpi() throws XMLSignatureException {
        this(null);
    }

    public Sm2Sm3SignatureSpi(Provider ignored) throws XMLSignatureException {
        try {
            signature = Signature.getInstance("SM3withSM2", CryptoProviders.bc());
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected String engineGetURI() {
        return SignatureAlgorithms.SM2_SM3_URI;
    }

    @Override
    protected String engineGetJCEAlgorithmString() {
        return signature.getAlgorithm();
    }

    @Override
    protected String engineGetJCEProviderName() {
        return signature.getProvider().getName();
    }

    @Override
    protected void engineUpdate(byte[] input) throws XMLSignatureException {
        try {
            signature.update(input);
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineUpdate(byte input) throws XMLSignatureException {
        try {
            signature.update(input);
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineUpdate(byte[] buf, int offset, int len) throws XMLSignatureException {
        try {
            signature.update(buf, offset, len);
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineInitSign(Key key) throws XMLSignatureException {
        engineInitSign(key, (SecureRandom) null);
    }

    @Override
    protected void engineInitSign(Key key, SecureRandom random) throws XMLSignatureException {
        try {
            signature.setParameter(new SM2ParameterSpec(DEFAULT_SIGNER_ID));
            if (random == null) {
                signature.initSign((PrivateKey) key);
            } else {
                signature.initSign((PrivateKey) key, random);
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineInitSign(Key key, AlgorithmParameterSpec spec) throws XMLSignatureException {
        engineInitSign(key);
    }

    @Override
    protected byte[] engineSign() throws XMLSignatureException {
        try {
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineInitVerify(Key key) throws XMLSignatureException {
        try {
            signature.setParameter(new SM2ParameterSpec(DEFAULT_SIGNER_ID));
            signature.initVerify((PublicKey) key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] value) throws XMLSignatureException {
        try {
            return signature.verify(value);
        } catch (GeneralSecurityException e) {
            // a malformed DER value is a failed verification, not an internal error
            return false;
        }
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws XMLSignatureException {
        throw new XMLSignatureException("empty", new Object[] {"SM2 takes no XML-DSig parameters"});
    }

    @Override
    protected void engineSetHMACOutputLength(int length) throws XMLSignatureException {
        throw new XMLSignatureException("algorithms.HMACOutputLengthOnlyForHMAC");
    }
}
