/* kts-refi-private.h: internals shared by the REFI-QDA reader and writer
 * files (XML, zip, code descriptions, position counting). Not for front ends.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "kts-refi.h"
#include "kts-xml-private.h"

G_BEGIN_DECLS

/* The other libxml2 types have theirs in kts-xml-private.h. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)

/* ---- XML reading (kts-refi-xml.c) ------------------------------------------ */

/* Parses untrusted XML: refuses document type declarations (so no entity can
 * be declared or fetched), files over @max_size and elements nested more than
 * 256 deep; reads UTF-8, and UTF-16 with a byte order mark. Errors name
 * @filename and the line. */
xmlDoc *_kts_refi_parse_xml (GBytes *bytes, const char *filename, gsize max_size, GError **error);
/* The line of @node in its file (0 if unknown). */
long _kts_refi_node_line (xmlNode *node);
/* TRUE if @node is an element with local name @name (any namespace). */
gboolean _kts_refi_is (xmlNode *node, const char *name);
/* Next element sibling from @node on (including @node), or NULL. */
xmlNode *_kts_refi_element (xmlNode *node);
#define _kts_refi_foreach_child(child, parent)                                                     \
  for (xmlNode *child = _kts_refi_element ((parent)->children); child != NULL;                     \
       child = _kts_refi_element (child->next))
/* The attribute's value (newly allocated) or NULL when absent. */
char *_kts_refi_attr (xmlNode *node, const char *name);
/* The text content of @node, newly allocated, never NULL. */
char *_kts_refi_text (xmlNode *node);
/* "project.qde, line 12: " style prefix for report lines. */
char *_kts_refi_where (const char *filename, xmlNode *node);

/* A GUID as we store it (lower case, no braces), or NULL when @raw is not a
 * GUID in any accepted form. */
char *_kts_refi_normalize_guid (const char *raw);
/* A GUID derived from @kind and @name: the same input gives the same GUID
 * (for exported items that have none of their own). */
char *_kts_refi_derived_guid (const char *kind, const char *name);
/* "#rrggbb" from "#rgb" or "#RRGGBB" (with or without '#'), or NULL. */
char *_kts_refi_normalize_color (const char *raw);
/* Colour number @index of a palette for codes that come without one. */
const char *_kts_refi_palette_color (guint index);
/* "2026-11-22T15:00:00Z" ↔ seconds since the epoch; parse returns -1 when
 * @text is not an xsd:dateTime. */
char  *_kts_refi_format_time (gint64 unix_time);
gint64 _kts_refi_parse_time (const char *text);

/* ---- XML writing ---------------------------------------------------------------- */

/* Writes @text as element content, replacing characters XML 1.0 cannot carry. */
void _kts_refi_write_element (xmlTextWriter *writer, const char *name, const char *text);
void _kts_refi_write_attribute (xmlTextWriter *writer, const char *name, const char *value);

/* ---- Codes (kts-refi-codebook.c) ----------------------------------------------- */

/* The Description text of @code: definition, example, when to use, when not
 * to use, notes, source (…) under headings, then the key and other fields. */
char *_kts_refi_code_description (KtsCode *code);

/* Writes the Code elements of every code of @codebook (nested). */
void _kts_refi_write_codes (xmlTextWriter *writer, KtsCodebook *codebook);

typedef struct _KtsRefiCodeReader KtsRefiCodeReader;

/* Reads codes into @project: one object per import. With @merge, incoming
 * codes are matched to existing ones. Lines go to @report. */
KtsRefiCodeReader *_kts_refi_code_reader_new (KtsProject    *project,
                                              KtsRefiReport *report,
                                              const char    *filename,
                                              gboolean       merge);
void               _kts_refi_code_reader_free (KtsRefiCodeReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsRefiCodeReader, _kts_refi_code_reader_free)
/* Parses a <Codes> element into memory (nothing changes yet); FALSE with
 * @error for input to refuse (codes nested too deep). @notes maps note
 * GUIDs to their texts for NoteRef children of codes (may be NULL); the
 * GUIDs of the notes used are added to @used_notes (may be NULL). */
gboolean _kts_refi_code_reader_parse (KtsRefiCodeReader *reader,
                                      xmlNode           *codes,
                                      GHashTable        *notes,
                                      GHashTable        *used_notes,
                                      GError           **error);
/* Number of codes parsed so far. */
guint _kts_refi_code_reader_get_n_parsed (KtsRefiCodeReader *reader);
/* Adds or matches the parsed codes in the project (inside the caller's undo
 * group). FALSE with @error if the project refuses a code. */
gboolean _kts_refi_code_reader_apply (KtsRefiCodeReader *reader, GError **error);
/* The project's code for the GUID an incoming code had in the file (as
 * written, normalised), or NULL. */
KtsCode *_kts_refi_code_reader_lookup (KtsRefiCodeReader *reader, const char *file_guid);

/* ---- Episodes as notes (kts-refi-episodes.c) -------------------------------- */

/* Appends "Heading: value" on a new line; later lines of @value are indented
 * by two spaces. Nothing when @value is NULL or empty. */
void _kts_refi_append_field (GString *out, const char *heading, const char *value);
/* The texts of the notes written for an episode and for its move @index. */
char *_kts_refi_episode_note (KtsEpisode *episode);
char *_kts_refi_move_note (KtsEpisode *episode, KtsMove *move, guint index);
/* An edge's name in a graph: "escalates ×3: LABEL" (count and label optional). */
char    *_kts_refi_edge_name (KtsEdge *edge);
gboolean _kts_refi_parse_edge_name (const char *name, KtsEdgeType *type, int *count, char **label);
/* Splits note text into (heading, value) pairs, two strings per field. */
GPtrArray  *_kts_refi_parse_note (const char *text);
const char *_kts_refi_note_field (GPtrArray *fields, const char *heading);
/* Sets the plain fields of a new episode or move from a parsed note; values
 * that are not valid are added to @problems ("Heading: value"). */
void _kts_refi_apply_episode_fields (KtsEpisode *episode, GPtrArray *fields, GPtrArray *problems);
void _kts_refi_apply_move_fields (KtsMove *move, GPtrArray *fields, GPtrArray *problems);

/* ---- Zip archives (kts-refi-zip.c) ------------------------------------------- */

typedef struct _KtsRefiZip KtsRefiZip;

/* Opens a zip archive in memory and checks every entry name: refuses path
 * traversal and absolute names (KTS_ERROR_UNSAFE), more than
 * KTS_REFI_MAX_ENTRIES entries (KTS_ERROR_TOO_LARGE) and non-zip data
 * (KTS_ERROR_PARSE). Nothing is extracted to disk. */
KtsRefiZip *_kts_refi_zip_open (GBytes *bytes, const char *filename, GError **error);
void        _kts_refi_zip_free (KtsRefiZip *zip);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsRefiZip, _kts_refi_zip_free)
/* Entry names (with '/' separators), in archive order; (transfer none). */
const GPtrArray *_kts_refi_zip_get_names (KtsRefiZip *zip);
/* The entry whose name equals @name ignoring ASCII case, or NULL. */
const char *_kts_refi_zip_find (KtsRefiZip *zip, const char *name);
/* Reads entry @name (as returned by _kts_refi_zip_find()), refusing more than
 * @max_size bytes, a total over KTS_REFI_MAX_TOTAL_SIZE for the archive, and
 * entries that expand suspiciously (zip bombs). */
GBytes *_kts_refi_zip_read (KtsRefiZip *zip, const char *name, gsize max_size, GError **error);

/* Builds a zip archive in memory from pairs of entry name and GBytes
 * (deflate-compressed). Entry times are SOURCE_DATE_EPOCH when set. */
GBytes *_kts_refi_zip_write (const char *const *names,
                             GBytes *const     *contents,
                             guint              n_entries,
                             GError           **error);

/* ---- Position counting (kts-refi-positions.c) --------------------------------- */

/* How a producer counted positions in a text source. */
typedef enum
{
  KTS_REFI_COUNT_UTF16 = 1 << 0,    /* UTF-16 code units, not code points */
  KTS_REFI_COUNT_CRLF_ONE = 1 << 1, /* a CRLF line break as one character */
  KTS_REFI_COUNT_BOM = 1 << 2,      /* a leading byte order mark counted */
} KtsRefiCounting;

#define KTS_REFI_N_COUNTINGS 8
/* What we assume without evidence: code points, CRLF as two, BOM not counted. */
#define KTS_REFI_COUNTING_DEFAULT 0

/* The text of one source as the producer saw it (decoded, line breaks as
 * found, BOM removed but remembered) and as we keep it (normalised). */
typedef struct _KtsRefiText KtsRefiText;

KtsRefiText *_kts_refi_text_new (const char *decoded, gboolean had_bom);
void         _kts_refi_text_free (KtsRefiText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsRefiText, _kts_refi_text_free)
/* The normalised text (LF line breaks). */
const char *_kts_refi_text_get_normalized (KtsRefiText *text);
/* The code points [@start, @end) of the normalised text, newly allocated. */
char *_kts_refi_text_slice (KtsRefiText *text, guint start, guint end);
/* Which counting conventions make a difference for this text. */
guint _kts_refi_text_get_relevant (KtsRefiText *text);

/* The evidence of one counting for a set of selections. Higher is better
 * in lexicographic order: matches, then -out_of_range, then -misaligned. */
typedef struct
{
  guint matches;      /* selections whose converted text equals the text the file gives */
  guint out_of_range; /* selections beyond the text or backwards */
  guint misaligned;   /* ends inside a surrogate pair or a CRLF */
} KtsRefiScore;

/* One selection as written. @hints are texts the file gives for it (its name
 * and description), or NULL. */
typedef struct
{
  gint64      start;
  gint64      end;
  const char *hints[2];
} KtsRefiSpan;

/* Scores @counting for the @spans of @text. */
void _kts_refi_text_score (KtsRefiText       *text,
                           KtsRefiCounting    counting,
                           const KtsRefiSpan *spans,
                           guint              n_spans,
                           KtsRefiScore      *score);
/* Converts one position written with @counting to a code point offset in
 * the normalised text; FALSE when it is outside the text. Positions inside a
 * character that takes two units go to its start (@is_end FALSE) or its end. */
gboolean _kts_refi_text_convert (
    KtsRefiText *text, KtsRefiCounting counting, gint64 position, gboolean is_end, guint *offset);
/* -1, 0, 1 as @a is worse than, as good as, better than @b. */
int _kts_refi_score_compare (const KtsRefiScore *a, const KtsRefiScore *b);
/* A translated description of @counting restricted to @relevant, e.g.
 * "UTF-16 code units, CRLF as one character". */
char *_kts_refi_counting_describe (KtsRefiCounting counting, guint relevant);
/* TRUE if @hint (a name or description, maybe shortened with "…") stands for
 * @text: equal, or a prefix ending in an ellipsis, ignoring differences in
 * white space. */
gboolean _kts_refi_hint_matches (const char *hint, const char *text);

G_END_DECLS
