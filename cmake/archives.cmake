# assess_archive_or(VAR NAME SHARED): VAR is the static archive libNAME.a
# when it is installed, else SHARED (a library or target).  The command and
# the programs linked with the engine's static library take the archives:
# their code is linked in, and a process starts without loading those
# libraries and binding their symbols (docs/performance.md, "Starting a
# process").  libassess and libassess-report link the shared libraries.
function(assess_archive_or var name shared)
  find_library(ASSESS_ARCHIVE_${name} NAMES lib${name}.a)
  if(ASSESS_ARCHIVE_${name})
    set(${var} "${ASSESS_ARCHIVE_${name}}" PARENT_SCOPE)
  else()
    set(${var} "${shared}" PARENT_SCOPE)
  endif()
endfunction()
