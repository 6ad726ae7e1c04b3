"""Offline measurement of the matching engine, kept out of the runtime modules: the benchmark
at diaspora scale (`make bench`) and the bilingual quality evaluation (`make evaluate`)."""
