package org.carelake.transforms.terminology.server;

/** One code of a value set expansion (system and version as the server gave them; version and display nullable). */
public record ExpandedCode(String system, String version, String code, String display) {}
