/* kts-import-private.h: internals shared by the transcript importers (.docx, .odt).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlreader.h>

#include "kts-archive.h"
#include "kts-import.h"

G_BEGIN_DECLS

/* Extractors: turn a file's bytes into UTF-8 text (not yet normalised),
 * adding warnings to @result; @name is the display name for messages. */
char *_kts_docx_extract (GBytes *bytes, const char *name, KtsImportResult *result, GError **error);
char *_kts_odt_extract (GBytes *bytes, const char *name, KtsImportResult *result, GError **error);

/* What a document had that is not imported, for the warnings. */
typedef struct
{
  guint    n_deletions; /* tracked deletions left out */
  guint    n_comments;
  guint    n_notes;      /* footnotes and endnotes */
  guint    n_text_boxes; /* text boxes and shapes with text */
  guint    n_unknown_symbols;
  gboolean has_headers; /* headers or footers with text */
  gboolean has_hidden;  /* text formatted as hidden */
} KtsOfficeCounts;

/* Adds one warning to @result for each kind of thing @counts reports. */
void
_kts_office_add_warnings (KtsImportResult *result, const char *name, const KtsOfficeCounts *counts);

/* Text of an office document as it is built: paragraphs become lines, and
 * tables are collected row by row (see kts-office.c for how a row becomes a
 * line). Everything written counts towards a size limit. */
typedef struct
{
  GString   *out;    /* the whole text */
  GString   *target; /* where text goes now: out, or a table cell */
  GPtrArray *tables; /* stack of open tables */
  guint64    n_written;
  guint64    max_size;
} KtsOfficeText;

void _kts_office_text_init (KtsOfficeText *self, gsize reserve);
void _kts_office_text_clear (KtsOfficeText *self);
/* Returns the text and empties @self. */
char *_kts_office_text_steal (KtsOfficeText *self);

/* Appends document text: soft hyphens (U+00AD) are dropped and non-breaking
 * hyphens (U+2011) become '-'; with @newlines_to_spaces, CR and LF become
 * spaces. */
void _kts_office_text_append (KtsOfficeText *self,
                              const char    *text,
                              gsize          len,
                              gboolean       newlines_to_spaces);
void _kts_office_text_append_c (KtsOfficeText *self, char c);
void _kts_office_text_append_unichar (KtsOfficeText *self, gunichar c);
void _kts_office_text_append_spaces (KtsOfficeText *self, guint n);
/* The length of what is being written now (the current cell, or the text). */
gsize _kts_office_text_get_position (KtsOfficeText *self);
/* Removes leading and trailing white space written since @position. */
void _kts_office_text_trim_since (KtsOfficeText *self, gsize position);
/* FALSE with @error naming the document @name once more than max_size
 * bytes were written. */
gboolean _kts_office_text_check_size (KtsOfficeText *self, const char *name, GError **error);

void _kts_office_text_table_start (KtsOfficeText *self);
void _kts_office_text_row_start (KtsOfficeText *self);
void _kts_office_text_cell_start (KtsOfficeText *self);
void _kts_office_text_cell_end (KtsOfficeText *self);
/* Ends the row; a @deleted row (a tracked deletion) is dropped. */
void _kts_office_text_row_end (KtsOfficeText *self, gboolean deleted);
void _kts_office_text_table_end (KtsOfficeText *self);
/* TRUE between table_start() and table_end(). */
gboolean _kts_office_text_in_table (KtsOfficeText *self);

/* Opens a file that should be a zip package: refuses with a clear message
 * what is not a zip (@kind_name says what the file should be, "a Word
 * document (.docx)") and OLE compound files (password-protected Office
 * files, or old .doc files). */
KtsArchive *
_kts_office_open_archive (GBytes *bytes, const char *name, const char *kind_name, GError **error);

/* A streaming XML reader over @xml, a part of an office file. Refuses any
 * DOCTYPE (KTS_ERROR_UNSAFE); never loads anything from the network or
 * expands entities. Errors name @name and @part. */
typedef struct _KtsOfficeXml KtsOfficeXml;

KtsOfficeXml *_kts_office_xml_new (GBytes *xml, const char *name, const char *part, GError **error);
void          _kts_office_xml_free (KtsOfficeXml *self);
xmlTextReaderPtr _kts_office_xml_get_reader (KtsOfficeXml *self);
/* Moves to the next node (xmlTextReaderRead()), or past the current
 * element's subtree with @skip (xmlTextReaderNext()). Returns 1 if there is
 * a node, 0 at the end, -1 with @error: not well-formed XML
 * (KTS_ERROR_PARSE) or a DOCTYPE (KTS_ERROR_UNSAFE). */
int _kts_office_xml_advance (KtsOfficeXml *self, gboolean skip, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtsOfficeXml, _kts_office_xml_free)

/* An attribute of the current element by local name and namespace, or NULL.
 * Free with xmlFree(). */
char *_kts_office_xml_get_attribute (KtsOfficeXml *self, const char *local, const char *ns);

G_END_DECLS
