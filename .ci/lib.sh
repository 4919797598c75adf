# Shared helpers of the .ci scripts (source it).

# apt_install PACKAGE... installs Debian packages that are missing. Several
# jobs may share the machine: apt-get waits up to 10 minutes for the dpkg
# lock instead of failing, and a failed download is retried once after a
# fresh apt-get update.
apt_install() {
	local missing=()
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "== installing ${missing[*]}"
	local apt=(apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 -qq)
	export DEBIAN_FRONTEND=noninteractive
	if ! { "${apt[@]}" update && "${apt[@]}" install -y "${missing[@]}" >/dev/null; }; then
		echo "apt-get failed; retrying once" >&2
		sleep 15
		"${apt[@]}" update
		"${apt[@]}" install -y "${missing[@]}" >/dev/null
	fi
}

# free_port prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
