#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| petgen_fuzz::price_file(data));
