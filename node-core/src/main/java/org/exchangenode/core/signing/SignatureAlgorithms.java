package org.exchangenode.core.signing;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * The signature suites a node accepts. The suite is explicit in every message (ds:SignatureMethod and
 * ds:DigestMethod) and must agree with the curve of the signer's key.
 *
 * <p>XML-DSig has no standard URIs for SM2 and SM3; the network uses the URNs below (a project choice, documented in
 * the README). SM2 signature values are DER-encoded as GB/T 35276 specifies, with the default signer id
 * {@code 1234567812345678}; ECDSA values are r||s as XML-DSig 1.1 specifies.
 */
public enum SignatureAlgorithms {
    SM2_SM3(SignatureAlgorithms.SM2_SM3_URI, SignatureAlgorithms.SM3_DIGEST_URI, "SM3withSM2",
            GMObjectIdentifiers.sm2p256v1),
    ECDSA_P256_SHA256("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256",
            "SHA256withECDSA", SECObjectIdentifiers.secp256r1);

    /** SignatureMethod of SM2 over SM3 (GB/T 32918, GB/T 35276). */
    public static final String SM2_SM3_URI = "urn:exchangenode:xmldsig:sm2-sm3";
    /** DigestMethod of SM3 (GB/T 32905). */
    public static final String SM3_DIGEST_URI = "urn:exchangenode:xmldsig:sm3";

    private final String signatureUri;
    private final String digestUri;
    private final String jcaName;
    private final ASN1ObjectIdentifier curve;

    SignatureAlgorithms(String signatureUri, String digestUri, String jcaName, ASN1ObjectIdentifier curve) {
        this.signatureUri = signatureUri;
        this.digestUri = digestUri;
        this.jcaName = jcaName;
        this.curve = curve;
    }

    public String signatureUri() {
        return signatureUri;
    }

    public String digestUri() {
        return digestUri;
    }

    public String jcaName() {
        return jcaName;
    }

    public ASN1ObjectIdentifier curve() {
        return curve;
    }

    public static Optional<SignatureAlgorithms> fromSignatureUri(String uri) {
        return Arrays.stream(values()).filter(a -> a.signatureUri.equals(uri)).findFirst();
    }

    /** The suite whose curve the key is on; any other key is refused. */
    public static SignatureAlgorithms forKey(PublicKey key) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        Object parameters = info.getAlgorithm().getParameters();
        return Arrays.stream(values())
                .filter(a -> a.curve.equals(parameters))
                .findFirst()
                .orElseThrow(() -> new ExchangeException(ErrorCode.ALGORITHM_NOT_ALLOWED,
                        "key algorithm " + info.getAlgorithm().getAlgorithm() + " with parameters " + parameters
                                + " is neither SM2 nor ECDSA P-256"));
    }
}
