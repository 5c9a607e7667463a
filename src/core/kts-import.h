/* kts-import.h: transcripts in: text decoding, normalisation and speaker turns.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kts-document.h"

G_BEGIN_DECLS

typedef enum
{
  KTS_TEXT_ENCODING_UTF8,
  KTS_TEXT_ENCODING_UTF8_BOM,
  KTS_TEXT_ENCODING_UTF16LE,
  KTS_TEXT_ENCODING_UTF16BE,
  KTS_TEXT_ENCODING_WINDOWS_1252,
} KtsTextEncoding;

/* Decodes raw file bytes to UTF-8: UTF-8 (with or without BOM), UTF-16 LE/BE
 * with BOM, else Windows-1252 as a fallback. Refuses empty input
 * (KTS_ERROR_EMPTY) and binary data (KTS_ERROR_BINARY: NUL bytes in 8-bit
 * text, or many control characters). @encoding tells what was found.
 *
 * Details: the BOM is dropped; text of only white space is empty too;
 * broken UTF-16 (odd length, unpaired surrogates), broken UTF-8 after a
 * UTF-8 BOM and UTF-32 give KTS_ERROR_ENCODING naming the byte offset;
 * U+0000 in UTF-16 becomes U+FFFD. "Many" control characters means more
 * than 1 in 20 characters are C0 (but TAB, LF, CR, FF), DEL or C1. Line
 * breaks are not normalised here (see kts_text_normalize()). Messages do
 * not name the file; callers prefix it. */
char *kts_text_decode (const guint8 *data, gsize size, KtsTextEncoding *encoding, GError **error);

/* A short name of @encoding for messages and summaries ("UTF-16LE"). */
const char *kts_text_encoding_get_name (KtsTextEncoding encoding);

/* TRUE if @byte has no meaning in Windows-1252 (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D); kts_text_decode() reads those as U+FFFD. */
gboolean kts_text_windows_1252_is_undefined (guint8 byte);

/* TRUE if the first @size bytes of @text (all if -1) are only white space
 * (including no-break and zero-width spaces). */
gboolean kts_text_is_blank (const char *text, gssize size);

/* Normalises line breaks (CRLF and lone CR to LF) and replaces characters
 * XML 1.0 cannot carry (C0 controls other than TAB and LF, U+FFFE, U+FFFF)
 * with U+FFFD. Everything else is kept verbatim. */
char *kts_text_normalize (const char *text);

/* A speaker label → role override, as given by "--speaker LABEL=ROLE". */
typedef struct
{
  char   *label;
  KtsRole role;
} KtsSpeakerRole;

/* Default role for a speaker label: T/Therapist/Th → therapist, C/Client/Cl/
 * Patient/Pt → client, I/Interviewer/Int → interviewer, anything else → other.
 * Case-insensitive. */
KtsRole kts_speaker_default_role (const char *label);

/* Parses "LABEL=ROLE" (role a KtsRole nick); FALSE with @error otherwise.
 * Label and role are trimmed; the role is case-insensitive. On success
 * @out->label is newly allocated (free it with kts_speaker_role_clear()). */
gboolean kts_speaker_role_parse (const char *spec, KtsSpeakerRole *out, GError **error);
/* Frees the label of @role (not @role itself). */
void kts_speaker_role_clear (KtsSpeakerRole *role);

/* Finds speaker turns in normalised text: a line starting with an optional
 * timestamp ("[00:12:34]", "(12:34)", "00:12:34"), then a speaker label and a
 * colon ("T:", "Therapist:", "Anna:", "Dr. Berg:"), begins a turn; following
 * lines that do not start a turn continue it. Text before the first turn
 * becomes a turn with no speaker. Overrides take precedence over defaults.
 *
 * A label that is not a role word (see kts_speaker_default_role(); also
 * "P", "Participant") and not in @overrides counts only if it starts at
 * least two lines. Labels start with a letter, have at most 4 words and 40
 * characters of letters, digits, spaces, hyphens, underscores and
 * apostrophes, and periods only in abbreviations and initials ("Dr.", "J.").
 * The colon must be followed by white space or the line's end (by a letter
 * too for role words and overrides: "T:Hello"). A bracketed timestamp may
 * also stand between label and colon ("T [00:12:34]:").
 *
 * A turn runs from the start of its first line to the end of its last
 * non-blank line, without the final line break, in code points. Override
 * labels match exactly after trimming, else ignoring case.
 *
 * On success *@speakers is a GArray of KtsSpeaker (in order of first
 * appearance; its clear function frees the labels) and *@turns a GArray of
 * KtsTurn, sorted and not overlapping. Fails only for text that is not
 * UTF-8 or too long for guint offsets. */
gboolean kts_turns_detect (const char           *text,
                           const KtsSpeakerRole *overrides,
                           guint                 n_overrides,
                           GArray              **speakers,
                           GArray              **turns,
                           GError              **error);

typedef struct
{
  KtsDocument    *document; /* (transfer full) */
  KtsTextEncoding encoding;
  GPtrArray      *warnings; /* (transfer full) of char*, translated */
} KtsImportResult;

void kts_import_result_free (KtsImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsImportResult, kts_import_result_free)

/* Reads a transcript file into a new document (not yet in any project).
 * @title NULL = the file's base name without extension. The extension picks
 * the reader: .docx (Word) and .odt (OpenDocument text) are read as zip
 * packages, in memory; anything else as plain text. docs/import.md says what
 * is read from Word and OpenDocument files and what is left out (each thing
 * left out gives a warning).
 *
 * Errors for .docx/.odt besides those of plain text: KTS_ERROR_PARSE (not a
 * zip archive, an OLE file such as a password-protected Word document,
 * damaged zip or XML), KTS_ERROR_INVALID_FILE (no word/document.xml or
 * content.xml, encrypted, another kind of OpenDocument file),
 * KTS_ERROR_UNSAFE (entry names pointing outside the archive, duplicate
 * entries, a DOCTYPE in an XML part), KTS_ERROR_TOO_LARGE (more than 10,000
 * entries, more than 256 MiB unpacked or of text, an entry expanding more
 * than 200 times beyond 1 MiB). */
KtsImportResult *kts_import_transcript (GFile                *file,
                                        const char           *title,
                                        const KtsSpeakerRole *overrides,
                                        guint                 n_overrides,
                                        GError              **error);
/* Same over bytes in memory; @filename is used for messages and the title. */
KtsImportResult *kts_import_transcript_bytes (GBytes               *bytes,
                                              const char           *filename,
                                              const char           *title,
                                              const KtsSpeakerRole *overrides,
                                              guint                 n_overrides,
                                              GError              **error);

G_END_DECLS
