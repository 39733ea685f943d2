package org.exchangenode.routes.audit;

import java.time.Instant;

/** A sealed audit archive file as the database records it: its entries' range, the last hash, the file's SM3. */
public record ArchiveRecord(String fileName, long firstSequence, long lastSequence, String lastHash, String fileSm3,
                            Instant sealedAt) {
}
