# assess_export_header(TARGET HEADER NODE): a shared library exports exactly
# the functions its public header declares, and nothing of its internals.
# The linker version script is written from the header at configure time
# (CMake reconfigures when the header changes): every declaration that
# starts a line, `TYPE name(`, as the headers are formatted.
function(assess_export_header target header node)
  file(READ "${header}" text)
  string(REGEX MATCHALL "\n[a-z][a-zA-Z_0-9 ]*[ *]+[a-z_][a-z_0-9]*\\(" decls "${text}")
  set(names "")
  foreach(d IN LISTS decls)
    string(STRIP "${d}" d)
    if(d MATCHES "^(typedef|static|return) ")
      continue()
    endif()
    string(REGEX REPLACE "^.*[ *]([a-z_][a-z_0-9]*)\\($" "\\1" name "${d}")
    string(APPEND names "    ${name};\n")
  endforeach()
  set(script "${CMAKE_CURRENT_BINARY_DIR}/${target}.map")
  file(CONFIGURE OUTPUT "${script}" CONTENT "${node} {\n  global:\n${names}  local:\n    *;\n};\n")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${header}")
  target_link_options(${target} PRIVATE "LINKER:--version-script=${script}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${script}")
endfunction()
