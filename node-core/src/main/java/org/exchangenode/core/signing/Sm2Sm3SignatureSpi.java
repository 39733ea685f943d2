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
 *
 * <p>Initialising an SM2 signer derives the public point and the Z value from the private key, which costs two
 * thirds of a signature. Each thread therefore keeps its signer initialised for the last key it used and reuses it,
 * unless the previous signing was abandoned half-way (then the signer holds partial input and is rebuilt).
 */
public final class Sm2Sm3SignatureSpi extends SignatureAlgorithmSpi {
    /** GB/T 35276 default signer identity. */
    public static final byte[] DEFAULT_SIGNER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private static final class ReusableSigner {
        final PrivateKey key;
        final Signature signature;
        boolean dirty;

        ReusableSigner(PrivateKey key, Signature signature) {
            this.key = key;
            this.signature = signature;
        }
    }

    private static final ThreadLocal<ReusableSigner> SIGNERS = new ThreadLocal<>();

    private Signature signature;
    private ReusableSigner signer;

    public Sm2Sm3SignatureSpi() throws XMLSignatureException {
        this(null);
    }

    public Sm2Sm3SignatureSpi(Provider ignored) throws XMLSignatureException {
        signature = newSignature();
    }

    private static Signature newSignature() throws XMLSignatureException {
        try {
            return Signature.getInstance("SM3withSM2", CryptoProviders.bc());
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

    private void touched() {
        if (signer != null) {
            signer.dirty = true;
        }
    }

    @Override
    protected void engineUpdate(byte[] input) throws XMLSignatureException {
        touched();
        try {
            signature.update(input);
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineUpdate(byte input) throws XMLSignatureException {
        touched();
        try {
            signature.update(input);
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineUpdate(byte[] buf, int offset, int len) throws XMLSignatureException {
        touched();
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
        ReusableSigner cached = SIGNERS.get();
        if (random == null && cached != null && !cached.dirty && cached.key.equals(key)) {
            signer = cached;
            signature = cached.signature;
            return;
        }
        try {
            Signature fresh = newSignature();
            fresh.setParameter(new SM2ParameterSpec(DEFAULT_SIGNER_ID));
            if (random == null) {
                fresh.initSign((PrivateKey) key);
                signer = new ReusableSigner((PrivateKey) key, fresh);
                SIGNERS.set(signer);
            } else {
                fresh.initSign((PrivateKey) key, random);
                signer = null;
            }
            signature = fresh;
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
            byte[] value = signature.sign();
            if (signer != null) {
                signer.dirty = false;
            }
            return value;
        } catch (GeneralSecurityException e) {
            throw new XMLSignatureException(e);
        }
    }

    @Override
    protected void engineInitVerify(Key key) throws XMLSignatureException {
        signer = null;
        signature = newSignature();
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
