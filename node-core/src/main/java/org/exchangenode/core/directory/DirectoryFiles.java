package org.exchangenode.core.directory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.CryptoProviders;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.signing.TrustAnchors;

/**
 * Reads and signs the peer directory file ({@code directory.json}, with its detached signature {@code
 * directory.json.sig}: the base64 signature of the file's bytes by the network authority, SM2/SM3 or ECDSA/SHA-256
 * by the authority's key). Reading checks everything and names every problem at once: the signature (when an
 * authority is given) and that the authority's certificate chains to a trust anchor; the shape; node ids; a unique
 * entry per node; complete contact data; certificates that parse, name their node as CN and chain to a trust anchor.
 *
 * <pre>
 * {"version": 7, "issuedAt": "2026-11-20T00:00:00Z", "nodes": [
 *   {"nodeId": "320100", "agencyName": "南京市社会保险管理中心", "status": "ACTIVE", "brokerAddress": "tcp://…",
 *    "contact": {"address": "…", "postcode": "210019", "department": "…", "phone": "025-12345678"},
 *    "certificates": ["-----BEGIN CERTIFICATE-----\n…"]}]}
 * </pre>
 */
public final class DirectoryFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern NODE_ID = Pattern.compile("[1-9][0-9]{5}([0-9]{3})?");
    private static final Pattern POSTCODE = Pattern.compile("[0-9]{6}");
    private static final Pattern PHONE = Pattern.compile("[0-9][0-9\\-]{5,19}");
    private static final Set<String> FIELDS = Set.of("version", "issuedAt", "nodes");
    private static final Set<String> NODE_FIELDS = Set.of("nodeId", "agencyName", "status", "brokerAddress", "contact",
            "certificates");

    private DirectoryFiles() {
    }

    /** The file holding a directory's signature. */
    public static Path signatureFile(Path directory) {
        return directory.resolveSibling(directory.getFileName() + ".sig");
    }

    /**
     * Reads a directory file, which must carry the network authority's valid signature.
     *
     * @param authority the network authority's certificate chain (its certificate first); without it every file is
     *                  refused
     */
    public static NetworkDirectory load(Path file, List<X509Certificate> authority, TrustAnchors anchors, Instant now) {
        return load(file, authority, anchors, now, false);
    }

    /**
     * Reads a directory file.
     *
     * @param authority            the network authority's certificate chain (its certificate first); when given, the
     *                             file must carry its valid signature
     * @param allowUnsigned        development only: without an authority, read the file unsigned instead of refusing it
     */
    public static NetworkDirectory load(Path file, List<X509Certificate> authority, TrustAnchors anchors, Instant now,
                                        boolean allowUnsigned) {
        if ((authority == null || authority.isEmpty()) && !allowUnsigned) {
            throw invalid(file, List.of("no network authority certificate is given to check its signature (an unsigned "
                    + "directory is accepted only for development)"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw invalid(file, List.of("cannot be read: " + e.getMessage()));
        }
        String signedBy = null;
        if (authority != null && !authority.isEmpty()) {
            verify(file, bytes, authority, anchors, now);
            signedBy = authority.get(0).getSubjectX500Principal().getName();
        }
        return parse(file, bytes, anchors, now, signedBy);
    }

    private static void verify(Path file, byte[] bytes, List<X509Certificate> authority, TrustAnchors anchors, Instant now) {
        Path sig = signatureFile(file);
        if (!Files.isRegularFile(sig)) {
            throw invalid(file, List.of("is not signed: " + sig.getFileName() + " is missing (the network authority "
                    + "signs every directory)"));
        }
        try {
            new CertificateChecker(anchors).requireTrusted(authority, now);
        } catch (ExchangeException e) {
            throw invalid(file, List.of("the network authority's certificate is not trusted: " + e.getMessage()));
        }
        try {
            byte[] signatureBytes = Base64.getMimeDecoder().decode(Files.readString(sig, StandardCharsets.US_ASCII).trim());
            X509Certificate signer = authority.get(0);
            Signature signature = Signature.getInstance(SignatureAlgorithms.forKey(signer.getPublicKey()).jcaName(),
                    CryptoProviders.bc());
            signature.initVerify(signer.getPublicKey());
            signature.update(bytes);
            if (!signature.verify(signatureBytes)) {
                throw invalid(file, List.of("its signature " + sig.getFileName() + " does not verify with the network "
                        + "authority's key: the file was changed after it was signed, or signed by someone else"));
            }
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw invalid(file, List.of("its signature " + sig.getFileName() + " cannot be checked: " + e.getMessage()));
        }
    }

    /** Writes {@code <file>.sig}: the authority's signature of the file as it is now. */
    public static Path sign(Path file, PrivateKey key, X509Certificate certificate) {
        try {
            Signature signature = Signature.getInstance(SignatureAlgorithms.forKey(certificate.getPublicKey()).jcaName(),
                    CryptoProviders.bc());
            signature.initSign(key);
            signature.update(Files.readAllBytes(file));
            Path sig = signatureFile(file);
            Files.writeString(sig, Base64.getMimeEncoder().encodeToString(signature.sign()) + "\n", StandardCharsets.US_ASCII);
            return sig;
        } catch (IOException | GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot sign " + file + ": " + e.getMessage(), e);
        }
    }

    private static NetworkDirectory parse(Path file, byte[] bytes, TrustAnchors anchors, Instant now, String signedBy) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(file, List.of("is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw invalid(file, List.of("cannot be read: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw invalid(file, List.of("must be a JSON object with version, issuedAt and nodes"));
        }
        unknown(root, FIELDS, "", problems);
        long version = root.path("version").canConvertToLong() && root.path("version").isIntegralNumber()
                ? root.path("version").asLong() : -1;
        if (version < 1) {
            problems.add("version: must be a whole number from 1 (each new directory a higher one)");
        }
        Instant issuedAt = null;
        try {
            issuedAt = Instant.parse(root.path("issuedAt").asText());
        } catch (DateTimeParseException e) {
            problems.add("issuedAt: must be an ISO-8601 instant, e.g. 2026-11-20T00:00:00Z");
        }
        List<NetworkDirectory.Entry> nodes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        CertificateChecker checker = new CertificateChecker(anchors);
        JsonNode list = root.path("nodes");
        if (!list.isArray() || list.isEmpty()) {
            problems.add("nodes: must list at least one node");
        } else {
            for (int i = 0; i < list.size(); i++) {
                NetworkDirectory.Entry entry = node(list.get(i), "nodes[" + i + "]", checker, now, problems);
                if (entry != null && !seen.add(entry.nodeId())) {
                    problems.add("nodes[" + i + "].nodeId: " + entry.nodeId() + " is listed twice");
                } else if (entry != null) {
                    nodes.add(entry);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(file, problems);
        }
        return new NetworkDirectory(version, issuedAt, nodes, signedBy);
    }

    private static NetworkDirectory.Entry node(JsonNode node, String at, CertificateChecker checker, Instant now,
                                               List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + ": must be an object");
            return null;
        }
        int before = problems.size();
        unknown(node, NODE_FIELDS, at + ".", problems);
        String nodeId = node.path("nodeId").asText("");
        if (!NODE_ID.matcher(nodeId).matches()) {
            problems.add(at + ".nodeId: must be a 6-digit division code, optionally with a 3-digit agency suffix");
        }
        String agency = node.path("agencyName").asText("").trim();
        if (agency.isEmpty()) {
            problems.add(at + ".agencyName: is required");
        }
        NetworkDirectory.Status status = null;
        try {
            status = NetworkDirectory.Status.valueOf(node.path("status").asText(""));
        } catch (IllegalArgumentException e) {
            problems.add(at + ".status: must be ACTIVE, SUSPENDED or RETIRED");
        }
        String broker = node.path("brokerAddress").asText("").trim();
        if (broker.isEmpty()) {
            problems.add(at + ".brokerAddress: is required (e.g. tcp://broker.province.example:61617)");
        }
        JsonNode contact = node.path("contact");
        String address = required(contact, "address", at, problems);
        String postcode = required(contact, "postcode", at, problems);
        String department = required(contact, "department", at, problems);
        String phone = required(contact, "phone", at, problems);
        if (!postcode.isEmpty() && !POSTCODE.matcher(postcode).matches()) {
            problems.add(at + ".contact.postcode: must be 6 digits");
        }
        if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            problems.add(at + ".contact.phone: must be a phone number (digits and '-')");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        JsonNode certs = node.path("certificates");
        if (!certs.isArray() || certs.isEmpty()) {
            problems.add(at + ".certificates: must list the node's certificate (and its next one ahead of a rollover)");
        } else {
            for (int j = 0; j < certs.size(); j++) {
                String where = at + ".certificates[" + j + "]";
                try {
                    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509", CryptoProviders.bc())
                            .generateCertificate(new ByteArrayInputStream(certs.get(j).asText("").getBytes(StandardCharsets.US_ASCII)));
                    if (!nodeId.equals(CertificateChecker.nodeIdOf(certificate))) {
                        problems.add(where + ": names node " + CertificateChecker.nodeIdOf(certificate) + ", not " + nodeId);
                    }
                    try {
                        // a next certificate may not be valid yet, an old one no longer: check the chain in its own period
                        Instant when = now.isBefore(certificate.getNotBefore().toInstant()) ? certificate.getNotBefore().toInstant()
                                : now.isAfter(certificate.getNotAfter().toInstant()) ? certificate.getNotAfter().toInstant() : now;
                        checker.requireTrusted(List.of(certificate), when);
                    } catch (ExchangeException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                    certificates.add(certificate);
                } catch (CertificateException | ClassCastException e) {
                    problems.add(where + ": is not a PEM certificate");
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new NetworkDirectory.Entry(nodeId, agency, status, broker,
                new NetworkDirectory.Contact(address, postcode, department, phone), certificates);
    }

    private static String required(JsonNode contact, String field, String at, List<String> problems) {
        String value = contact.path(field).asText("").trim();
        if (value.isEmpty()) {
            problems.add(at + ".contact." + field + ": is required (the published contact data must be complete)");
        }
        return value;
    }

    private static void unknown(JsonNode object, Set<String> known, String at, List<String> problems) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(at + name + ": is not a field of the directory");
            }
        }
    }

    private static ExchangeException invalid(Path file, List<String> problems) {
        return new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "directory " + file + " refused: "
                + String.join("; ", problems));
    }
}
