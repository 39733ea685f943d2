package org.exchangenode.core.signing;

import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.exchangenode.core.pki.PemFiles;

/** The root certificates a node trusts for peers' signatures. */
public record TrustAnchors(List<X509Certificate> certificates) {

    public TrustAnchors {
        certificates = List.copyOf(certificates);
    }

    /** Every certificate in every listed PEM file. */
    public static TrustAnchors load(Collection<Path> files) {
        Set<X509Certificate> all = new LinkedHashSet<>();
        for (Path file : files) {
            all.addAll(PemFiles.readCertificates(file));
        }
        return new TrustAnchors(List.copyOf(all));
    }

    Set<TrustAnchor> asPkix() {
        return certificates.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
    }
}
