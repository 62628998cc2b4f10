/*
 * init.h - libgit2 set up once for the whole process.
 *
 * libgit2 counts git_libgit2_init() and git_libgit2_shutdown() calls; at
 * zero it deletes the thread-local key under which each thread keeps its
 * error state, so a thread that met an error (an absent remote is one)
 * while another opened and closed a repository leaks that state.  Builds
 * open repositories on several threads at once: the library is set up
 * once and left set up until the process ends.
 */
#ifndef TABLOG_GIT_INIT_H
#define TABLOG_GIT_INIT_H

/* 0 when libgit2 is ready, -1 when it could not be set up. */
int	tl_git_init(void);

#endif
