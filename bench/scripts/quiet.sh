# Sourced by the load scripts: how busy the machine is, and waiting until it is quiet before a measurement, so that
# other work on the 2 cores (a test run, another benchmark) does not end up in the figures unnoticed.
# Needs QUIET_PCT (busy % that counts as quiet) and QUIET_WAIT (seconds to wait at most).

busy_pct() { # machine busy % (of all cores) over one second, from /proc/stat
  local a b ta=0 tb=0 i
  read -ra a < /proc/stat; sleep 1; read -ra b < /proc/stat
  for i in 1 2 3 4 5 6 7 8; do ta=$((ta + a[i])); tb=$((tb + b[i])); done
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=$((tb - ta))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

wait_quiet() { # waits up to QUIET_WAIT s for the machine under QUIET_PCT %; prints "busy waited"
  local waited=0 busy
  busy=$(busy_pct)
  while [ "$busy" -gt "$QUIET_PCT" ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
    sleep 4; waited=$((waited + 5)); busy=$(busy_pct)
  done
  echo "$busy $waited"
}
