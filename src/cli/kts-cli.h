/* kts-cli.h: the commands of kintsugi-cli and the helpers they share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kts-core.h"

G_BEGIN_DECLS

/* Exit codes of kintsugi-cli (documented in docs/cli.md). */
enum
{
  KTS_CLI_EXIT_OK = 0,
  KTS_CLI_EXIT_FAILED = 1,
  KTS_CLI_EXIT_USAGE = 2,
};

typedef struct _KtsCliCommand KtsCliCommand;

/* Runs a command; @argv[0] is the command's name. Returns an exit code. */
typedef int (*KtsCliRunFunc) (const KtsCliCommand *command, int argc, char **argv);

struct _KtsCliCommand
{
  const char   *name;
  const char   *parameters;  /* untranslated, e.g. "PROJECT FILE…" */
  const char   *summary;     /* N_() */
  const char   *description; /* N_(), shown at the end of --help */
  KtsCliRunFunc run;
};

/* Parses the options of @command; on a usage error prints it and returns FALSE. */
gboolean kts_cli_parse_options (const KtsCliCommand *command,
                                const GOptionEntry  *entries,
                                int                 *argc,
                                char              ***argv);
/* Prints "kintsugi-cli: MESSAGE" and a pointer to the command's help; returns
 * KTS_CLI_EXIT_USAGE. */
int kts_cli_usage_error (const KtsCliCommand *command, const char *format, ...)
    G_GNUC_PRINTF (2, 3);
/* Prints "kintsugi-cli: FILE: MESSAGE" (without repeating the file name when the
 * message already starts with it); returns KTS_CLI_EXIT_FAILED. */
int kts_cli_file_error (const char *path, const GError *error);
int kts_cli_file_message (const char *path, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Prints "kintsugi-cli: FILE: warning: MESSAGE", likewise. */
void kts_cli_file_warning (const char *path, const char *message);

/* Loads a project, printing the error if it fails. */
KtsProject *kts_cli_load_project (const char *path);
/* Saves a project atomically to @path, printing the error if it fails. */
gboolean kts_cli_save_project (KtsProject *project, const char *path);
/* Writes raw bytes to standard output; FALSE (with a message) on failure. */
gboolean kts_cli_write_stdout (const char *data, gsize size);
/* Whether @date is a real calendar date written YYYY-MM-DD. */
gboolean kts_cli_date_is_valid (const char *date);
/* The privacy check of exports that quote transcripts: when @documents
 * (KtsDocument not marked pseudonymised) is not empty and @allow is FALSE,
 * prints "PROJECT: SUBJECT quotes “A”, “B”, which are not marked
 * pseudonymised; …" and returns FALSE. @subject is translated, e.g.
 * "episode “e-1”" or "the report". */
gboolean kts_cli_check_identifiable (const char *project_path,
                                     const char *subject,
                                     GPtrArray  *documents,
                                     gboolean    allow);

int kts_cli_new (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_info (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_validate (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_import (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_import_codings (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_export_codings (const KtsCliCommand *command, int argc, char **argv);
/* REFI-QDA exchange (kts-cli-refi.c). */
int kts_cli_export_qdc (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_import_qdc (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_import_qdpx (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_export_qdpx (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_agreement (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_merge_codings (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_sequence (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_add_episode (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_build_map (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_import_episode (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_export_map (const KtsCliCommand *command, int argc, char **argv);
/* Practice sets: create, import, list, submit, report (kts-cli-practice.c). */
int kts_cli_practice (const KtsCliCommand *command, int argc, char **argv);
int kts_cli_report (const KtsCliCommand *command, int argc, char **argv);

G_END_DECLS
