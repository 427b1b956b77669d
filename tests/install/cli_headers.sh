#!/usr/bin/env bash
# The command (assess/main.c, cli*.c, cmd_*.c, format*.c) is a program like
# any other: it includes the engine's and the reports' public headers
# (assess.h, assess-report.h) and its own (cli.h, format.h), nothing else
# of the project.  Usage: cli_headers.sh SOURCE_DIR
set -euo pipefail
cd "$1/assess"
bad=$(grep -Hn '^#include "' main.c cli*.c cli.h cmd_*.c format*.c format.h |
      grep -vE '#include "(assess|assess-report|cli|format)\.h"' || true)
if [ -n "$bad" ]; then
  echo "the command includes headers that are not public:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "cli_headers: $(ls main.c cli*.c cmd_*.c format*.c | wc -l) files include public headers only"
