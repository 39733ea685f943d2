package org.exchangenode.core.cases;

/** Which side of a transfer this node is in a case. */
public enum CaseRole {
    /** 转入地: this node sent the contact letter; it receives the information form and the funds. */
    TRANSFER_IN,
    /** 转出地: this node received the contact letter; it sends the information form and the funds. */
    TRANSFER_OUT
}
