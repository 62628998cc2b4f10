/*
 * init.c - libgit2 set up once for the whole process (see init.h).
 */
#include "git/init.h"

#include <pthread.h>

#include <git2.h>

static pthread_once_t	git_once = PTHREAD_ONCE_INIT;
/* Written once, under git_once, before any reader sees it. */
static int		git_status;

static void
git_init_once(void)
{
	git_status = git_libgit2_init() < 0 ? -1 : 0;
}

int
tl_git_init(void)
{
	pthread_once(&git_once, git_init_once);
	return git_status;
}
