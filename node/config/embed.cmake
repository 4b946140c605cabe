# Writes OUTPUT: a C++ file defining `const char* const SYMBOL` with the bytes of INPUT.
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}" "namespace sic {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"sic_embed(${content})sic_embed\";\n}\n")
