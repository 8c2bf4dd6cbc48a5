package io.v100.perf;
public final class PerfMain { public static void main(final String[] args) { } }
