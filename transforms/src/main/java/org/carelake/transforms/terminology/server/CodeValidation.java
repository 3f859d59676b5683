package org.carelake.transforms.terminology.server;

/** A $validate-code answer: valid or not, the server's message (nullable) and its display for the code (nullable). */
public record CodeValidation(boolean result, String message, String display) {}
