package org.exchangenode.routes.messages;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque "next page" cursor of a search: base64url of a version, the last row's stored_at and message id, and a
 * check of 8 bytes of SHA-256 over those and the search's criteria but its time range. A cursor only says where the
 * next page starts, so it needs no secret (any instance of the node reads any instance's cursors); the check refuses
 * a cursor that was edited, cut, or taken from another search, so that a page never silently follows the wrong one.
 */
final class SearchCursor {
    static final int MAX_LENGTH = 200;
    private static final byte VERSION = 1;
    private static final int CHECK = 8;

    private SearchCursor() {
    }

    static String encode(MessageSearchStore.Position position, MessageSearch.Criteria criteria) {
        byte[] body = body(position);
        byte[] out = Arrays.copyOf(body, body.length + CHECK);
        System.arraycopy(check(body, criteria), 0, out, body.length, CHECK);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The position a cursor names; IllegalArgumentException naming "cursor" (never its text) when it is not one. */
    static MessageSearchStore.Position decode(String cursor, MessageSearch.Criteria criteria) {
        if (cursor.length() > MAX_LENGTH) {
            throw refused();
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(cursor);
            if (all.length <= CHECK + 1 || all[0] != VERSION) {
                throw refused();
            }
            byte[] body = Arrays.copyOf(all, all.length - CHECK);
            if (!MessageDigest.isEqual(check(body, criteria), Arrays.copyOfRange(all, body.length, all.length))) {
                throw refused();
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(body, 1, body.length - 1));
            Instant storedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
            String messageId = in.readUTF();
            if (in.available() != 0 || !MessageSearch.isMessageId(messageId)) {
                throw refused();
            }
            return new MessageSearchStore.Position(storedAt, messageId);
        } catch (IOException | DateTimeException | IllegalArgumentException e) {
            throw refused();
        }
    }

    private static IllegalArgumentException refused() {
        return new IllegalArgumentException("cursor is not one this search gave (start again from the first page)");
    }

    private static byte[] body(MessageSearchStore.Position position) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(position.storedAt().getEpochSecond());
            out.writeInt(position.storedAt().getNano());
            out.writeUTF(position.messageId());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
    }

    private static byte[] check(byte[] body, MessageSearch.Criteria criteria) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(body);
            // the record's text lists every criterion by name; null stays "null", so no two criteria sets collide. The
            // time range is left out: the console's windows ("the last 24 hours") move a little between two pages
            MessageSearch.Criteria fields = new MessageSearch.Criteria(criteria.messageId(), criteria.conversationId(),
                    criteria.peer(), criteria.type(), criteria.status(), criteria.direction(), criteria.errorCode(),
                    null, null);
            sha.update(fields.toString().getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(sha.digest(), CHECK);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
