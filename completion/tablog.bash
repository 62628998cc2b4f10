# completion/tablog.bash - bash completion for tablog(1).
#
# Installed as share/bash-completion/completions/tablog, where
# bash-completion loads it on first use; or source it by hand.  Completes
# subcommands, the options each subcommand takes (the groups of
# src/cli/options.c, as `tablog COMMAND --help` lists them), the values of
# -f/--format (each subcommand's own), --from and --color, the built-in
# template names after `templates` (asked of tablog itself), folders
# where a folder is wanted (--cache, --archive, --git too), files after
# --cacert and --sources, and pages (.md, .markdown, .html, .htm)
# elsewhere.

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
		convert|build|diff|check|history|templates)
			cmd=${COMP_WORDS[i]}; break ;;
		-*) ;;
		*) break ;;
		esac
	done

	# Each subcommand takes its own options only (tablog(1), OPTIONS).
	local common="--color --help -h"
	local quiet="--quiet -q"
	local verbose="--verbose -v"
	local load="--from --date-column --normalize-dates --max-input-size"
	local fetch="--cache --no-cache --cacert --timeout --retries"
	local write="--templates --base-url --oldest-first --csv-bom --csv-raw
		--strict"
	local match="--key --aliases"
	local opts
	case $cmd in
	convert) opts="--format -f --output -o --table --fragment --jobs -j
		$load $fetch $write $quiet $common" ;;
	build) opts="--output -o --jobs -j --title --date --follow-links
		--since --sources --archive --per-host --delay $load $fetch
		$write $quiet $verbose $common" ;;
	diff) opts="--format -f --templates $match $load $fetch $quiet
		$common" ;;
	history) opts="--format -f --git --rev --dates --from-start --jobs -j
		--templates --csv-bom --csv-raw --strict $match $load
		$quiet $verbose $common" ;;
	check) opts="--format -f --today $match $load $fetch $quiet
		$verbose $common" ;;
	templates) opts="$common" ;;
	esac
	if [ "$COMP_CWORD" -eq 1 ]; then
		opts="$opts --version"
	fi

	# --color=WHEN, whether or not '=' splits words.
	if [[ $cur == --color=* ]]; then
		_tablog_add compgen -P "--color=" -W "auto always never" \
		    -- "${cur#--color=}"
		return 0
	fi
	if [ "$prev" = "=" ] && [ "$COMP_CWORD" -ge 2 ] &&
	    [ "${COMP_WORDS[COMP_CWORD-2]}" = "--color" ]; then
		_tablog_add compgen -W "auto always never" -- "$cur"
		return 0
	fi

	# The value of the option before the cursor.
	case $prev in
	-f|--format)
		case $cmd in
		diff) words="md json csv html" ;;
		check) words="text json" ;;
		history) words="changelog md html json csv atom" ;;
		*) words="md html csv json changelog changelog-html atom xlsx" ;;
		esac
		_tablog_add compgen -W "$words" -- "$cur"
		return 0 ;;
	--from)
		_tablog_add compgen -W "html md" -- "$cur"
		return 0 ;;
	--templates|--since|--git|--cache|--archive)
		_tablog_add compgen -d -- "$cur"
		return 0 ;;
	--cacert|--sources)
		_tablog_add compgen -f -- "$cur"
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
	--title|--date|--key|--today|--rev|--dates|--timeout|--retries|--per-host|--delay)
		return 0 ;;
	esac

	if [[ $cur == -* ]]; then
		_tablog_add compgen -W "$opts" -- "$cur"
		return 0
	fi

	# The first word may be a subcommand (or a page: convert is implied).
	if [ "$COMP_CWORD" -eq 1 ]; then
		_tablog_add compgen -W "convert build diff check history templates" \
		    -- "$cur"
	fi
	if [ "$cmd" = templates ]; then
		_tablog_add compgen -W \
		    "$("${COMP_WORDS[0]}" templates 2>/dev/null)" -- "$cur"
		return 0
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
