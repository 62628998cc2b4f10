# completion/tablog.bash - bash completion for tablog(1).
#
# Installed as share/bash-completion/completions/tablog, where
# bash-completion loads it on first use; or source it by hand.  Completes
# subcommands, options (per subcommand), the values of -f/--format,
# --from and check's --format, folders where a folder is wanted, and
# pages (.md, .markdown, .html, .htm) elsewhere.

# Append each line of a command's output to COMPREPLY (names with spaces
# stay whole).
_tablog_add()
{
	local w
	while IFS= read -r w; do
		COMPREPLY+=("$w")
	done < <("$@")
}

_tablog()
{
	local cur prev cmd i words
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}

	# The subcommand: the first word after "tablog" that is one.
	cmd=convert
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		convert|build|diff|check) cmd=${COMP_WORDS[i]}; break ;;
		-*) ;;
		*) break ;;
		esac
	done

	local common="--date-column --quiet -q --help -h"
	local shared="--output -o --from --date-column --oldest-first
		--csv-bom --csv-raw --max-input-size --strict --templates
		--base-url --quiet -q --help -h --version"
	local opts
	case $cmd in
	convert) opts="$shared --format -f --table --fragment --jobs -j" ;;
	build) opts="$shared --jobs -j --title --date --follow-links --since" ;;
	diff) opts="$common --format -f --key --aliases" ;;
	check) opts="$common --format -f --key --aliases --today" ;;
	esac

	# The value of the option before the cursor.
	case $prev in
	-f|--format)
		case $cmd in
		diff) words="md json csv html" ;;
		check) words="text json" ;;
		*) words="md html csv json changelog changelog-html atom" ;;
		esac
		_tablog_add compgen -W "$words" -- "$cur"
		return 0 ;;
	--from)
		_tablog_add compgen -W "html md" -- "$cur"
		return 0 ;;
	--templates|--since)
		_tablog_add compgen -d -- "$cur"
		return 0 ;;
	-o|--output)
		if [ "$cmd" = build ]; then
			_tablog_add compgen -d -- "$cur"
		else
			_tablog_add compgen -f -- "$cur"
		fi
		return 0 ;;
	--aliases)
		_tablog_add compgen -f -- "$cur"
		return 0 ;;
	--table|--date-column|--max-input-size|--base-url|-j|--jobs|\
	--title|--date|--key|--today)
		return 0 ;;
	esac

	if [[ $cur == -* ]]; then
		_tablog_add compgen -W "$opts" -- "$cur"
		return 0
	fi

	# The first word may be a subcommand (or a page: convert is implied).
	if [ "$COMP_CWORD" -eq 1 ]; then
		_tablog_add compgen -W "convert build diff check" -- "$cur"
	fi
	if [ "$cmd" = build ]; then
		_tablog_add compgen -d -- "$cur"
	else
		local f
		while IFS= read -r f; do
			case $f in
			*.md|*.markdown|*.html|*.htm|*.MD|*.HTML|*.HTM)
				COMPREPLY+=("$f") ;;
			esac
		done < <(compgen -f -- "$cur")
		_tablog_add compgen -d -- "$cur"
	fi
	return 0
}

complete -o filenames -F _tablog tablog
