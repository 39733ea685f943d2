package org.exchangenode.routes.persistence;

public enum Direction { OUTBOUND, INBOUND }
