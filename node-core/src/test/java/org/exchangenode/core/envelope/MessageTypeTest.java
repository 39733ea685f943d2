package org.exchangenode.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessageTypeTest {

    @Test
    void shouldFindEachBusinessFormByItsPathNameAndNoTransportType() {
        assertThat(MessageType.fromPathName("contact-letter")).contains(MessageType.CONTACT_LETTER);
        assertThat(MessageType.fromPathName("info-form")).contains(MessageType.INFO_FORM);
        assertThat(MessageType.fromPathName("fund-transfer-notice")).contains(MessageType.FUND_TRANSFER_NOTICE);
        assertThat(MessageType.fromPathName("completion-notice")).contains(MessageType.COMPLETION_NOTICE);
        assertThat(MessageType.fromPathName("refusal")).contains(MessageType.REFUSAL);
        assertThat(MessageType.fromPathName("reminder")).contains(MessageType.REMINDER);

        assertThat(MessageType.fromPathName("receipt")).isEmpty();
        assertThat(MessageType.fromPathName("InfoForm")).as("the wire name is not a path name").isEmpty();
        assertThat(MessageType.fromPathName(null)).isEmpty();
        assertThat(MessageType.ERROR.pathName()).isEmpty();
    }

    @Test
    void shouldListExactlyThePathNamesOfTheBusinessTypesInTheConstant() {
        String derived = Arrays.stream(MessageType.values()).map(MessageType::pathName).flatMap(Optional::stream)
                .collect(Collectors.joining(", "));

        assertThat(MessageType.PATH_NAMES).isEqualTo(derived);
    }

    @Test
    void shouldCallATypeBusinessExactlyWhenTheLocalSystemCanNameIt() {
        for (MessageType type : MessageType.values()) {
            assertThat(type.business()).as(type.name()).isEqualTo(type.pathName().isPresent());
        }
        assertThat(Arrays.stream(MessageType.values()).filter(MessageType::business)).hasSize(6);
    }
}
