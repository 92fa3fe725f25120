#!/usr/bin/env bash
# A real Globus GRAM5 personal gatekeeper on this machine, for tests (see shared/GRAM.md).
#
#   gram-rig.sh start DIR [LRM]   install packages, make a throwaway CA, user cert and proxy
#                                 under DIR, start the scheduler event generator (fork only)
#                                 and a personal gatekeeper for LRM (default fork); writes
#                                 DIR/contact and DIR/env (NAME=value lines a client needs)
#   gram-rig.sh stop DIR          stop what start started, by PID files, and clean up
#   gram-rig.sh env DIR           print DIR/env as shell export lines
#
# For LRM other than fork the adapter comes from gram-adapters/jobmanager-LRM in this
# repository, through PERL5LIB and a private GLOBUS_LOCATION tree holding LRM.rvf; its job manager
# reads exit codes with the fork SEG module, from events the adapter writes.
# For LRM vm, GRAM_RIG_VM_MAX_RUNNING=N gives the adapter a globus-vm.conf of its own (in the private
# GLOBUS_LOCATION tree) with max_running=N and its slot directory under DIR.
# Idempotent: start on a running rig prints its contact again; stop on a stopped one is a no-op.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
packages=(globus-gram-client-tools globus-gram-job-manager globus-gram-job-manager-fork
  globus-gram-job-manager-fork-setup-poll globus-gram-job-manager-fork-setup-seg globus-gatekeeper
  globus-proxy-utils globus-gsi-cert-utils-progs globus-gss-assist-progs globus-gass-copy-progs)

say() { echo "gram-rig: $*" >&2; }
die() { say "$*"; exit 1; }

usage() { die "usage: gram-rig.sh start DIR [LRM] | stop DIR | env DIR"; }

install_packages() {
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  say "installing ${missing[*]}"
  # Other engineers' apt runs hold the dpkg lock for a while: wait for it instead of failing.
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

make_credentials() {
  local dir=$1 ca=$1/ca certs=$1/certificates
  mkdir -p "$ca" "$certs" "$dir/user"
  if [ ! -s "$ca/ca.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -sha256 -keyout "$ca/ca.key" -out "$ca/ca.pem" \
      -subj "/O=VmMiddleware/OU=Test/CN=VmMiddleware Test CA" \
      -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    chmod 600 "$ca/ca.key"
  fi
  local hash old dn
  hash=$(openssl x509 -in "$ca/ca.pem" -noout -hash)
  old=$(openssl x509 -in "$ca/ca.pem" -noout -subject_hash_old)
  dn="/O=VmMiddleware/OU=Test/CN=VmMiddleware Test CA"
  for h in "$hash" "$old"; do
    cp "$ca/ca.pem" "$certs/$h.0"
    cat > "$certs/$h.signing_policy" <<EOF
access_id_CA X509 '$dn'
pos_rights globus CA:sign
cond_subjects globus '"/O=VmMiddleware/*"'
EOF
  done
  if [ ! -s "$dir/user/usercert.pem" ]; then
    openssl req -newkey rsa:2048 -nodes -keyout "$dir/user/userkey.pem" -out "$dir/user/user.csr" \
      -subj "/O=VmMiddleware/OU=Test/CN=gram rig user" 2>/dev/null
    printf 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment,dataEncipherment\n' > "$dir/user/ext.cnf"
    openssl x509 -req -in "$dir/user/user.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" -CAcreateserial \
      -days 30 -sha256 -extfile "$dir/user/ext.cnf" -out "$dir/user/usercert.pem" 2>/dev/null
    chmod 400 "$dir/user/userkey.pem"
  fi
}

write_env() {
  local dir=$1 lrm=$2
  {
    echo "HOME=$dir/home"
    echo "TMPDIR=$dir/tmp"
    echo "X509_CERT_DIR=$dir/certificates"
    echo "X509_USER_CERT=$dir/user/usercert.pem"
    echo "X509_USER_KEY=$dir/user/userkey.pem"
    echo "X509_USER_PROXY=$dir/user/proxy.pem"
    echo "JOB_MANAGER_SEG_LOG_PATH=$dir/seg"
    if [ "$lrm" != fork ]; then
      echo "GLOBUS_LOCATION=$dir/globus"
      echo "PERL5LIB=$repo/gram-adapters/jobmanager-$lrm/perl${PERL5LIB:+:$PERL5LIB}"
    fi
  } > "$dir/env.tmp"
  mv "$dir/env.tmp" "$dir/env"
}

# A GLOBUS_LOCATION tree that mirrors /usr but adds the adapter's .rvf, so no system path changes.
make_globus_location() {
  local dir=$1 lrm=$2 g=$1/globus src=$repo/gram-adapters/jobmanager-$lrm
  [ -f "$src/$lrm.rvf" ] || die "no adapter for '$lrm': $src/$lrm.rvf is missing"
  rm -rf "$g"
  mkdir -p "$g/share/globus/globus_gram_job_manager" "$g/etc/globus"
  for d in bin sbin lib libexec; do ln -s "/usr/$d" "$g/$d"; done
  for f in /usr/share/globus/*; do
    [ "$(basename "$f")" = globus_gram_job_manager ] || ln -s "$f" "$g/share/globus/"
  done
  ln -s /usr/share/globus/globus_gram_job_manager/globus-gram-job-manager.rvf "$g/share/globus/globus_gram_job_manager/"
  cp "$src/$lrm.rvf" "$g/share/globus/globus_gram_job_manager/$lrm.rvf"
  for f in /etc/globus/*; do ln -s "$f" "$g/etc/globus/"; done
}

start_seg() {
  local dir=$1
  mkdir -p "$dir/seg"
  # The fork starter of every user appends to this one shared log; the SEG reads it back.
  mkdir -p /var/log/globus
  [ -e /var/log/globus/globus-fork.log ] || : > /var/log/globus/globus-fork.log
  chmod 666 /var/log/globus/globus-fork.log
  : >> "$dir/seg/$(date +%Y%m%d)"
  alive "$dir/seg.pid" && return 0
  globus-scheduler-event-generator -s fork -d "$dir/seg" -b -p "$dir/seg.pid" >&2
  for _ in $(seq 50); do alive "$dir/seg.pid" && return 0; sleep 0.1; done
  die "the scheduler event generator did not start (no live pid in $dir/seg.pid)"
}

start() {
  local dir=$1 lrm=$2
  install_packages
  mkdir -p "$dir/home" "$dir/tmp" "$dir/log"
  if alive "$dir/gatekeeper.pid" && [ -s "$dir/contact" ]; then
    cat "$dir/contact"
    return 0
  fi
  : > "$dir/started"
  make_credentials "$dir"
  [ "$lrm" = fork ] || make_globus_location "$dir" "$lrm"
  if [ "$lrm" = vm ] && [ -n "${GRAM_RIG_VM_MAX_RUNNING:-}" ]; then
    printf 'max_running="%s"\nslot_directory="%s"\n' "$GRAM_RIG_VM_MAX_RUNNING" "$dir/vm-slots" > "$dir/globus/etc/globus/globus-vm.conf"
  fi
  write_env "$dir" "$lrm"
  set -a
  # shellcheck disable=SC1091
  . "$dir/env"
  set +a
  if ! grid-proxy-info -exists -valid 1:00 >/dev/null 2>&1; then
    grid-proxy-init -q -hours 24 >/dev/null || die "grid-proxy-init failed"
  fi
  start_seg "$dir"
  local seg_arg=()
  [ "$lrm" = fork ] && seg_arg=(-seg)
  # Port 0: the kernel picks a free port, which no other process can take in between.
  local out
  out=$(globus-personal-gatekeeper -start -port 0 -jmtype "$lrm" -log="$dir/log" "${seg_arg[@]}" 2>&1) ||
    die "globus-personal-gatekeeper failed: $out"
  local contact scratch host
  contact=$(printf '%s\n' "$out" | sed -n 's/^GRAM contact: //p' | tail -1)
  [ -n "$contact" ] || die "no GRAM contact in: $out"
  host=$(printf '%s' "$contact" | cut -d: -f1)
  scratch=$(grep -l "GRAM contact: $contact" "$HOME"/.globus/gram.*/gatekeeper.log | head -1 | xargs dirname)
  cp "$scratch/gatekeeper.pid" "$dir/gatekeeper.pid"
  local tag host_short
  host_short=$(globus-hostname | cut -d. -f1)
  tag=$(sed -n 's/^-service-tag "\(.*\)"$/\1/p' "$scratch/jobmanager.conf")
  # Other LRMs write fork-SEG events (gram-adapters/jobmanager-vm does): read them with the fork SEG
  # module. The job manager starts with the first job and reads this file then.
  [ "$lrm" = fork ] || echo "-seg-module fork" >> "$scratch/jobmanager.conf"
  {
    echo "scratch=$scratch"
    echo "statedir=$TMPDIR/$(id -un)/$(basename "$scratch")"
    # The job manager keeps its pid, lock and socket files under $TMPDIR, its per-job directories
    # under the mapped user's passwd home (not $HOME).
    echo "jmbase=$TMPDIR/$(id -un)/$host_short/$lrm.$tag"
    echo "jobdirs=$(getent passwd "$(id -un)" | cut -d: -f6)/.globus/job/$host_short"
  } > "$dir/state"
  # The gatekeeper listens on every interface; clients reach it on the loopback address.
  printf 'localhost:%s\n' "${contact#"$host":}" > "$dir/contact"
  cat "$dir/contact"
}

kill_tree() {
  local pid=$1 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do kill_tree "$child"; done
  kill "$pid" 2>/dev/null || true
}

stop() {
  local dir=$1
  [ -d "$dir" ] || return 0
  local scratch="" statedir="" jmbase="" jobdirs=""
  # shellcheck disable=SC1091
  [ -f "$dir/state" ] && . "$dir/state"
  if [ -s "$dir/gatekeeper.pid" ]; then
    kill "$(cat "$dir/gatekeeper.pid")" 2>/dev/null || true
    rm -f "$dir/gatekeeper.pid"
  fi
  if [ -n "$jmbase" ]; then
    # The job manager and its long-lived LRM script processes.
    for pidfile in "$jmbase".*.pid; do
      [ -s "$pidfile" ] && kill_tree "$(cat "$pidfile")"
    done
    rm -f "$jmbase".*
  fi
  if [ -n "$jobdirs" ] && [ -d "$jobdirs" ] && [ -e "$dir/started" ]; then
    # Per-job directories of jobs this rig ran and the job manager did not clean (killed, unfinished).
    find "$jobdirs" -mindepth 1 -maxdepth 1 -type d -newer "$dir/started" -exec rm -rf {} +
  fi
  if [ -s "$dir/seg.pid" ]; then
    kill "$(cat "$dir/seg.pid")" 2>/dev/null || true
    rm -f "$dir/seg.pid"
  fi
  [ -n "$scratch" ] && rm -rf "$scratch"
  [ -n "$statedir" ] && rm -rf "$statedir"
  rm -f "$dir/contact" "$dir/state" "$dir/started"
}

[ $# -ge 2 ] || usage
command=$1
dir=$2
case "$dir" in /*) ;; *) dir="$(pwd)/$dir" ;; esac
case "$command" in
  start) start "$dir" "${3:-fork}" ;;
  stop) stop "$dir" ;;
  env)
    [ -f "$dir/env" ] || die "$dir/env does not exist; run start first"
    while IFS= read -r line; do
      printf "export %s='%s'\n" "${line%%=*}" "$(printf '%s' "${line#*=}" | sed "s/'/'\\\\''/g")"
    done < "$dir/env"
    ;;
  *) usage ;;
esac
