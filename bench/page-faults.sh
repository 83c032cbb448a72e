#!/usr/bin/env bash
# What a page fault costs on this machine: the price of the memory a starting JVM touches (~34,700 minor faults until a
# service's image is ready). Compiles a small C probe (gcc) that maps anonymous memory and writes one byte per 4 KB page.
#   warm:  256 MB, three times in a row (the guest has these pages already: a guest-only fault)
#   fresh: --fresh-mb (default 2048) MB once: more than the guest has in use, so on a VM with free page reporting (these
#          Firecracker VMs) part of it is memory the host must back first; once the guest has used that much memory
#          recently, it costs what warm pages cost (seen here: 4 GB in 13.6 s on a VM just booted, 1 GB in 0.49 s an
#          hour later)
# Prints the time per run and per page. No lock: it takes seconds; run it on a quiet machine.
# usage: bench/page-faults.sh [--fresh-mb 2048]
set -euo pipefail
FRESH=2048
[[ ${1:-} == --fresh-mb ]] && FRESH="$2"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cat > "$dir/touch.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
int main(int argc, char **argv) {
  size_t mb = (size_t) atol(argv[1]), n = mb << 20;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  char *p = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) { perror("mmap"); return 1; }
  for (size_t i = 0; i < n; i += 4096) p[i] = 1;
  clock_gettime(CLOCK_MONOTONIC, &b);
  double ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
  printf("%s: %zu MB in %.1f ms, %.2f us per 4 KB page\n", argv[2], mb, ms, ms * 1e3 / (n / 4096));
  return 0;
}
C
gcc -O2 -o "$dir/touch" "$dir/touch.c"
"$dir/touch" "$FRESH" fresh
for _ in 1 2 3; do "$dir/touch" 256 warm; done
