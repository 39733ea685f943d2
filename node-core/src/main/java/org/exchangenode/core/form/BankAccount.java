package org.exchangenode.core.form;

/** 开户全称, 开户银行, 银行账号. */
public record BankAccount(String accountName, String bank, String accountNumber) {
}
