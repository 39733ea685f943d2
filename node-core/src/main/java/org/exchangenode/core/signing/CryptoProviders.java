package org.exchangenode.core.signing;

import java.security.Provider;
import java.security.Security;
import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.JCEMapper;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.exceptions.AlgorithmAlreadyRegisteredException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * One-time set-up of the cryptography: the Bouncy Castle provider (SM2, SM3, and an ECDSA several times faster than
 * the JDK's), Apache Santuario, and the SM2/SM3 algorithm URIs that XML-DSig does not define itself.
 */
public final class CryptoProviders {
    private static final Provider BC = resolveBc();

    static {
        Init.init();
        JCEMapper.register(SignatureAlgorithms.SM3_DIGEST_URI,
                new JCEMapper.Algorithm("", "SM3", "MessageDigest"));
        try {
            SignatureAlgorithm.register(SignatureAlgorithms.SM2_SM3_URI, Sm2Sm3SignatureSpi.class);
        } catch (AlgorithmAlreadyRegisteredException e) {
            // registered by an earlier class loader of this JVM; the class is the same
        } catch (Exception e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot register SM2 for XML-DSig", e);
        }
    }

    private CryptoProviders() {
    }

    /** The Bouncy Castle provider, installed in the JVM's provider list (at the end) on first use. */
    public static Provider bc() {
        return BC;
    }

    private static Provider resolveBc() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (installed != null && installed.getClass() == BouncyCastleProvider.class) {
            return installed;
        }
        if (installed != null) {
            // installed by another class loader of this JVM (an application restarted in place, as in tests): its
            // classes do not mix with ours, so use a private instance, passed explicitly wherever it is needed
            return new BouncyCastleProvider();
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }
}
