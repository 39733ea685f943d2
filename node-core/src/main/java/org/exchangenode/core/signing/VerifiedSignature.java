package org.exchangenode.core.signing;

import java.security.cert.X509Certificate;

/** What a successful verification established: the suite used and the certificate that signed. */
public record VerifiedSignature(SignatureAlgorithms algorithm, X509Certificate signer) {
}
