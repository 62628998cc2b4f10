/*
 * signals.c - interrupted or terminated, tablog removes the temporaries
 * it is writing before it ends (man page, FILES WRITTEN).
 */
#include <signal.h>
#include <string.h>

#include "cli/cli.h"

/*
 * The temporaries of this run, for the signal handler below: the one
 * process-wide object tablog keeps, set once before any handler is
 * installed and never freed (a signal may come until the process ends).
 * Slots for every file written at once: one per thread (-j is at most
 * 256) or one per format of -o DIR.
 */
static tablog_temps *run_temps;

static void
on_fatal_signal(int sig)
{
	tablog_temps_remove(run_temps);
	signal(sig, SIG_DFL);
	raise(sig);		/* delivered once this returns: the status */
}

/* A signal ignored when tablog started (nohup, `cmd &`) stays ignored. */
tablog_temps *
cli_catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;
	size_t i;

	if (run_temps != NULL)
		return run_temps;
	run_temps = tablog_temps_new(512);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	return run_temps;
}
