# Writes OUTPUT: a C++ file with the text of every PO_DIR/<lang>.po file, in the table
# node/pages/po.h declares (docs/pages.md, "Languages of the page's words").
file(GLOB po_files "${PO_DIR}/*.po")
list(SORT po_files)
set(entries "")
foreach(po ${po_files})
  get_filename_component(lang "${po}" NAME_WE)
  file(READ "${po}" content)
  string(APPEND entries "    {\"${lang}\", R\"sic_po(${content})sic_po\"},\n")
endforeach()
file(WRITE "${OUTPUT}" "#include \"node/pages/po.h\"\n\nnamespace sic::pages {\n\nstd::span<const PoFile> embedded_po_files() {\n  static const PoFile files[] = {\n${entries}  };\n  return files;\n}\n\n}  // namespace sic::pages\n")
