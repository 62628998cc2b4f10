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
	/*
	 * libgit2 hashes every object it reads again (SHA-1 with collision
	 * detection) to compare with its name: an eighth of `tablog history`
	 * over a page's 97 versions went there.  git itself does not on a
	 * read (only fsck does); zlib's checksum still catches a damaged
	 * object, and tablog only reads what it then parses as untrusted.
	 */
	if (git_status == 0 &&
	    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0) < 0)
		git_status = -1;
}

int
tl_git_init(void)
{
	pthread_once(&git_once, git_init_once);
	return git_status;
}
