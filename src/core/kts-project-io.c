/* kts-project-io.c: reading, writing and validating *.kintsugi project files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing goes through xmlTextWriter into memory and then
 * kts_file_write_atomic(). Reading refuses DTDs before libxml2 sees the bytes,
 * parses once into a DOM (remembering exact line numbers), and builds the
 * project in one walk over it, checking every value and reference. The same
 * walk, in a mode that collects problems instead of stopping at the first,
 * backs kts_project_validate_bytes() together with the RELAX NG schema.
 */
#define G_LOG_DOMAIN "kts-project-io"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-file-util.h"
#include "kts-import.h"
#include "kts-io-resources.h"
#include "kts-model-private.h"
#include "kts-project-io.h"
#include "kts-xml-private.h"

#define BACKUP_SUFFIX "~"
/* Deeper code trees are refused: nobody builds them, and recursion over
 * them should stay shallow. */
#define MAX_CODE_DEPTH 64
/* XML_PARSE_HUGE (needed for transcripts over 10 MB) lifts libxml2's own
 * depth limit; we keep one, as the schema needs only a few levels beyond
 * the code tree. */
#define MAX_ELEMENT_DEPTH 256

static void
ensure_libxml_initialized (void)
{
  static gsize once = 0;

  /* xmlInitParser() must run once before threads use libxml2. */
  if (g_once_init_enter (&once))
    {
      xmlInitParser ();
      g_once_init_leave (&once, 1);
    }
}

/* ======================================================================
 * Small shared helpers
 * ====================================================================== */

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
static gint64
days_from_civil (gint64 y, int m, int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 z, gint64 *y, int *m, int *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

/* Formats seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ"; FALSE when the
 * year does not have four digits. */
static gboolean
format_utc_time (gint64 t, char buf[32])
{
  gint64 days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  gint64 secs = t - days * 86400;
  gint64 y;
  int    m, d;

  civil_from_days (days, &y, &m, &d);
  if (y < 1 || y > 9999)
    return FALSE;

  g_snprintf (buf, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)y, m, d, (int)(secs / 3600),
              (int)(secs / 60 % 60), (int)(secs % 60));
  return TRUE;
}

static int
days_in_month (int y, int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

static gboolean
parse_digits (const char *s, int n, int *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* "YYYY-MM-DD", a real date. */
static gboolean
parse_date (const char *s, int *y, int *m, int *d)
{
  if (strlen (s) < 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  if (!parse_digits (s, 4, y) || !parse_digits (s + 5, 2, m) || !parse_digits (s + 8, 2, d))
    return FALSE;
  return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month (*y, *m);
}

static gboolean
parse_utc_time (const char *s, gint64 *out)
{
  int y, m, d, hh, mm, ss;

  if (strlen (s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return FALSE;
  if (!parse_date (s, &y, &m, &d) || !parse_digits (s + 11, 2, &hh)
      || !parse_digits (s + 14, 2, &mm) || !parse_digits (s + 17, 2, &ss))
    return FALSE;
  if (hh > 23 || mm > 59 || ss > 59)
    return FALSE;

  *out = days_from_civil (y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
  return TRUE;
}

/* The shortest of %.15g and %.17g that reads back as the same number. */
static void
format_double (double v, char buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", v);
}

/* A plain decimal number: [+-]digits[.digits][e[+-]digits], no "inf", "nan"
 * or hexadecimal. */
static gboolean
parse_double (const char *s, double *out)
{
  const char *p = s;
  gboolean    digits = FALSE;
  double      v;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;

  v = g_ascii_strtod (s, NULL);
  if (!isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* An integer in [min, max], with optional XML white space around it and an
 * optional sign, as xsd:int reads it. */
static gboolean
parse_int_range (const char *s, gint64 min, gint64 max, gint64 *out)
{
  gboolean negative = FALSE;
  guint64  v = 0;
  int      n = 0;

  while (is_xml_space (*s))
    s++;
  if (*s == '+' || *s == '-')
    negative = *s++ == '-';
  while (g_ascii_isdigit (*s))
    {
      if (v > (G_MAXUINT64 - 9) / 10)
        return FALSE;
      v = v * 10 + (guint64)(*s++ - '0');
      n++;
    }
  while (is_xml_space (*s))
    s++;
  if (n == 0 || *s != '\0' || v > (guint64)G_MAXINT64)
    return FALSE;

  *out = negative ? -(gint64)v : (gint64)v;
  return *out >= min && *out <= max;
}

/* ======================================================================
 * Writing
 * ====================================================================== */

typedef struct
{
  xmlTextWriterPtr w;
  GByteArray      *out;
  GPtrArray       *scratch; /* sanitised copies, freed at the end */
} Writer;

static int
writer_write_cb (void *context, const char *buffer, int len)
{
  GByteArray *out = context;

  g_byte_array_append (out, (const guint8 *)buffer, (guint)len);
  return len;
}

static int
writer_close_cb (void *context)
{
  return 0;
}

/* Characters XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF) and
 * invalid UTF-8 would make the file unreadable. The model should never hold
 * them; if it does, they become U+FFFD, one for one, so offsets stay right. */
static gboolean
needs_sanitising (const char *s, gsize len)
{
  const guchar *p = (const guchar *)s;
  const guchar *end = p + len;
  gboolean      high = FALSE;

  for (; p < end; p++)
    {
      if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        return TRUE;
      if (*p == 0xEF && end - p >= 3 && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
        return TRUE;
      high |= *p >= 0x80;
    }

  return high && !g_utf8_validate (s, (gssize)len, NULL);
}

static const char *
sanitise (Writer *wr, const char *s)
{
  g_autofree char *valid = NULL;
  GString         *out;

  if (s == NULL || !needs_sanitising (s, strlen (s)))
    return s;

  valid = g_utf8_make_valid (s, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        c = 0xFFFD;
      g_string_append_unichar (out, c);
    }

  g_ptr_array_add (wr->scratch, g_string_free (out, FALSE));
  return g_ptr_array_index (wr->scratch, wr->scratch->len - 1);
}

static void
start (Writer *wr, const char *name)
{
  xmlTextWriterStartElement (wr->w, BAD_CAST name);
}

static void
end (Writer *wr)
{
  xmlTextWriterEndElement (wr->w);
}

/* A required attribute: written even when empty. */
static void
attr (Writer *wr, const char *name, const char *value)
{
  xmlTextWriterWriteAttribute (wr->w, BAD_CAST name,
                               BAD_CAST (value != NULL ? sanitise (wr, value) : ""));
}

/* An optional attribute: absent when NULL or empty. */
static void
attr_opt (Writer *wr, const char *name, const char *value)
{
  if (value != NULL && value[0] != '\0')
    attr (wr, name, value);
}

static void
attr_int (Writer *wr, const char *name, gint64 value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  xmlTextWriterWriteAttribute (wr->w, BAD_CAST name, BAD_CAST buf);
}

static void
attr_double (Writer *wr, const char *name, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  format_double (value, buf);
  xmlTextWriterWriteAttribute (wr->w, BAD_CAST name, BAD_CAST buf);
}

/* An enumerated attribute, left out when it has the value @omit. */
static void
attr_enum (Writer *wr, const char *name, GType type, int value, int omit)
{
  const char *nick;

  if (value == omit)
    return;
  nick = kts_enum_to_nick (type, value);
  g_return_if_fail (nick != NULL);
  xmlTextWriterWriteAttribute (wr->w, BAD_CAST name, BAD_CAST nick);
}

/* An element holding text, left out when the text is NULL or empty. */
static void
text_element_opt (Writer *wr, const char *name, const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  xmlTextWriterWriteElement (wr->w, BAD_CAST name, BAD_CAST sanitise (wr, value));
}

static void
write_code (Writer *wr, KtsCode *code)
{
  GListModel *children = kts_code_get_children (code);
  guint       n = g_list_model_get_n_items (children);

  start (wr, "code");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (code)));
  attr_opt (wr, "key", kts_code_get_key (code));
  attr (wr, "name", kts_code_get_name (code));
  attr_opt (wr, "color", kts_code_get_color (code));
  if (!kts_code_get_codable (code))
    attr (wr, "codable", "false");
  attr_enum (wr, "dimension", KTS_TYPE_DIMENSION, kts_code_get_dimension (code),
             KTS_DIMENSION_NONE);
  attr_enum (wr, "maturity", KTS_TYPE_MATURITY, kts_code_get_maturity (code), KTS_MATURITY_UNSET);
  if (kts_code_get_blatt_rank (code) > 0)
    attr_int (wr, "blatt-rank", kts_code_get_blatt_rank (code));
  attr_opt (wr, "family", kts_code_get_family (code));
  if (kts_code_get_shortcut (code) >= 1 && kts_code_get_shortcut (code) <= 9)
    attr_int (wr, "shortcut", kts_code_get_shortcut (code));

  text_element_opt (wr, "definition", kts_code_get_definition (code));
  text_element_opt (wr, "example", kts_code_get_example (code));
  text_element_opt (wr, "include", kts_code_get_include (code));
  text_element_opt (wr, "exclude", kts_code_get_exclude (code));
  text_element_opt (wr, "notes", kts_code_get_notes (code));
  text_element_opt (wr, "source", kts_code_get_source (code));
  text_element_opt (wr, "basis", kts_code_get_basis (code));
  text_element_opt (wr, "maps-to", kts_code_get_maps_to (code));
  text_element_opt (wr, "unit", kts_code_get_unit (code));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);

      write_code (wr, child);
    }
  end (wr);
}

static void
write_codebook (Writer *wr, KtsCodebook *codebook)
{
  GListModel      *roots = kts_codebook_get_roots (codebook);
  const GPtrArray *changelog = kts_codebook_get_changelog (codebook);
  guint            n = g_list_model_get_n_items (roots);

  start (wr, "codebook");
  attr_opt (wr, "name", kts_codebook_get_name (codebook));
  attr_int (wr, "version", MAX (kts_codebook_get_version (codebook), 1));

  if (changelog != NULL && changelog->len > 0)
    {
      start (wr, "changelog");
      for (guint i = 0; i < changelog->len; i++)
        {
          const KtsChangelogEntry *entry = g_ptr_array_index (changelog, i);

          start (wr, "entry");
          attr_int (wr, "version", MAX (entry->version, 1));
          attr (wr, "date", entry->date);
          xmlTextWriterWriteString (wr->w, BAD_CAST sanitise (wr, entry->text ? entry->text : ""));
          end (wr);
        }
      end (wr);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (roots, i);

      write_code (wr, code);
    }
  end (wr);
}

static void
write_coder (Writer *wr, gpointer item)
{
  KtsCoder *coder = item;

  start (wr, "coder");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (coder)));
  attr (wr, "name", kts_coder_get_name (coder));
  attr_opt (wr, "initials", kts_coder_get_initials (coder));
  end (wr);
}

static void
write_document (Writer *wr, gpointer item)
{
  KtsDocument *doc = item;
  g_autoptr (GPtrArray) names = kts_document_list_attributes (doc);
  guint n_speakers = kts_document_get_n_speakers (doc);
  guint n_turns = kts_document_get_n_turns (doc);

  start (wr, "document");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (doc)));
  attr (wr, "title", kts_document_get_title (doc));
  if (kts_document_get_pseudonymised (doc))
    attr (wr, "pseudonymised", "true");
  attr_opt (wr, "source-name", kts_document_get_source_name (doc));

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *value = kts_document_get_attribute (doc, name);

      start (wr, "attribute");
      attr (wr, "name", name);
      xmlTextWriterWriteString (wr->w, BAD_CAST sanitise (wr, value != NULL ? value : ""));
      end (wr);
    }

  if (n_speakers > 0)
    {
      start (wr, "speakers");
      for (guint i = 0; i < n_speakers; i++)
        {
          const KtsSpeaker *speaker = kts_document_get_speaker (doc, i);

          start (wr, "speaker");
          attr (wr, "label", speaker->label);
          attr_enum (wr, "role", KTS_TYPE_ROLE, speaker->role, -1);
          end (wr);
        }
      end (wr);
    }

  start (wr, "text");
  xmlTextWriterWriteString (wr->w, BAD_CAST sanitise (wr, kts_document_get_text (doc)));
  end (wr);

  if (n_turns > 0)
    {
      start (wr, "turns");
      for (guint i = 0; i < n_turns; i++)
        {
          const KtsTurn *turn = kts_document_get_turn (doc, i);

          start (wr, "turn");
          if (turn->speaker >= 0)
            attr_int (wr, "speaker", turn->speaker);
          attr_int (wr, "start", turn->start);
          attr_int (wr, "end", turn->end);
          if (turn->timestamp_ms >= 0)
            attr_int (wr, "time", turn->timestamp_ms);
          end (wr);
        }
      end (wr);
    }

  end (wr);
}

static void
write_coding (Writer *wr, KtsCoding *coding)
{
  KtsCode  *code = kts_coding_get_code (coding);
  KtsCoder *coder = kts_coding_get_coder (coding);
  char      time[32];

  start (wr, "coding");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (coding)));
  attr (wr, "document", kts_item_get_guid (KTS_ITEM (kts_coding_get_document (coding))));
  attr (wr, "code", code != NULL ? kts_item_get_guid (KTS_ITEM (code)) : "");
  attr_int (wr, "start", kts_coding_get_start (coding));
  attr_int (wr, "end", kts_coding_get_end (coding));
  if (coder != NULL)
    attr (wr, "coder", kts_item_get_guid (KTS_ITEM (coder)));
  attr_enum (wr, "actor", KTS_TYPE_ACTOR, kts_coding_get_actor (coding), KTS_ACTOR_UNSET);
  attr_opt (wr, "third-role", kts_coding_get_third_role (coding));
  if (kts_coding_get_created (coding) > 0
      && format_utc_time (kts_coding_get_created (coding), time))
    attr (wr, "created", time);
  text_element_opt (wr, "memo", kts_coding_get_memo (coding));
  end (wr);
}

static void
write_case (Writer *wr, gpointer item)
{
  KtsCase *kase = item;

  start (wr, "case");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (kase)));
  attr (wr, "label", kts_case_get_label (kase));
  attr_opt (wr, "therapist-pseudonym", kts_case_get_therapist_pseudonym (kase));
  if (kts_case_get_therapist_age (kase) > 0)
    attr_int (wr, "therapist-age", kts_case_get_therapist_age (kase));
  attr_opt (wr, "therapist-gender", kts_case_get_therapist_gender (kase));
  attr_opt (wr, "client-pseudonym", kts_case_get_client_pseudonym (kase));
  if (kts_case_get_client_age (kase) > 0)
    attr_int (wr, "client-age", kts_case_get_client_age (kase));
  attr_opt (wr, "client-gender", kts_case_get_client_gender (kase));
  attr_opt (wr, "orientation", kts_case_get_orientation (kase));
  attr_opt (wr, "setting", kts_case_get_setting (kase));
  attr_opt (wr, "treatment-length", kts_case_get_treatment_length (kase));
  text_element_opt (wr, "notes", kts_case_get_notes (kase));
  end (wr);
}

static void
write_move (Writer *wr, KtsMove *move)
{
  GPtrArray *anchors = kts_move_get_anchors (move);
  double     x, y;

  start (wr, "move");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (move)));
  attr_opt (wr, "ident", kts_move_get_ident (move));
  attr (wr, "label", kts_move_get_label (move));
  attr_enum (wr, "actor", KTS_TYPE_ACTOR, kts_move_get_actor (move), KTS_ACTOR_UNSET);
  attr_opt (wr, "third-role", kts_move_get_third_role (move));
  attr_enum (wr, "dimension", KTS_TYPE_DIMENSION, kts_move_get_dimension (move),
             KTS_DIMENSION_NONE);
  attr_enum (wr, "phase", KTS_TYPE_PHASE, kts_move_get_phase (move), KTS_PHASE_UNSET);
  attr_enum (wr, "role", KTS_TYPE_MOVE_ROLE, kts_move_get_role (move), KTS_MOVE_ROLE_NONE);
  attr_opt (wr, "session-ref", kts_move_get_session_ref (move));
  attr_opt (wr, "attribution-doubt", kts_move_get_attribution_doubt (move));
  attr_enum (wr, "time-certainty", KTS_TYPE_TIME_CERTAINTY, kts_move_get_time_certainty (move),
             KTS_TIME_CERTAINTY_UNSET);
  attr_enum (wr, "location", KTS_TYPE_LOCATION, kts_move_get_location (move), KTS_LOCATION_UNSET);
  attr_enum (wr, "channel", KTS_TYPE_CHANNEL, kts_move_get_channel (move), KTS_CHANNEL_UNSET);
  attr_enum (wr, "interpretation", KTS_TYPE_INTERPRETATION, kts_move_get_interpretation (move),
             KTS_INTERPRETATION_PARTICIPANT);
  attr_enum (wr, "explicitness", KTS_TYPE_EXPLICITNESS, kts_move_get_explicitness (move),
             KTS_EXPLICITNESS_UNSET);
  attr_enum (wr, "awareness", KTS_TYPE_AWARENESS, kts_move_get_awareness (move),
             KTS_AWARENESS_UNSET);
  if (kts_move_get_position (move, &x, &y) && isfinite (x) && isfinite (y))
    {
      attr_double (wr, "x", x);
      attr_double (wr, "y", y);
    }

  for (guint i = 0; anchors != NULL && i < anchors->len; i++)
    {
      start (wr, "anchor");
      attr (wr, "coding", kts_item_get_guid (g_ptr_array_index (anchors, i)));
      end (wr);
    }
  text_element_opt (wr, "quote", kts_move_get_quote (move));
  text_element_opt (wr, "memo", kts_move_get_memo (move));
  end (wr);
}

static void
write_edge (Writer *wr, KtsEdge *edge)
{
  start (wr, "edge");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (edge)));
  attr_enum (wr, "type", KTS_TYPE_EDGE_TYPE, kts_edge_get_edge_type (edge), -1);
  attr (wr, "source", kts_item_get_guid (KTS_ITEM (kts_edge_get_source (edge))));
  attr (wr, "target", kts_item_get_guid (KTS_ITEM (kts_edge_get_target (edge))));
  if (kts_edge_get_count (edge) > 0)
    attr_int (wr, "count", kts_edge_get_count (edge));
  attr_opt (wr, "label", kts_edge_get_label (edge));
  end (wr);
}

static void
write_episode (Writer *wr, gpointer item)
{
  KtsEpisode  *episode = item;
  KtsCase     *kase = kts_episode_get_case (episode);
  KtsDocument *doc = kts_episode_get_document (episode);
  GListModel  *moves = kts_episode_get_moves (episode);
  GListModel  *edges = kts_episode_get_edges (episode);
  guint        n;

  start (wr, "episode");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (episode)));
  attr (wr, "name", kts_episode_get_name (episode));
  if (kase != NULL)
    attr (wr, "case", kts_item_get_guid (KTS_ITEM (kase)));
  if (doc != NULL)
    attr (wr, "document", kts_item_get_guid (KTS_ITEM (doc)));
  if (doc != NULL || kts_episode_get_start (episode) != 0 || kts_episode_get_end (episode) != 0)
    {
      attr_int (wr, "start", kts_episode_get_start (episode));
      attr_int (wr, "end", kts_episode_get_end (episode));
    }
  attr_opt (wr, "rupture-types", kts_episode_get_rupture_types (episode));
  attr_enum (wr, "initiator", KTS_TYPE_INITIATOR, kts_episode_get_initiator (episode),
             KTS_INITIATOR_UNSET);
  attr_opt (wr, "temporal-pattern", kts_episode_get_temporal_pattern (episode));
  attr_opt (wr, "course", kts_episode_get_course (episode));
  attr_opt (wr, "intensity", kts_episode_get_intensity (episode));
  attr_opt (wr, "alliance-component", kts_episode_get_alliance_component (episode));
  attr_opt (wr, "repair-mode", kts_episode_get_repair_mode (episode));
  attr_opt (wr, "detected-by", kts_episode_get_detected_by (episode));
  attr_enum (wr, "resolution", KTS_TYPE_RESOLUTION, kts_episode_get_resolution (episode),
             KTS_RESOLUTION_UNKNOWN);
  attr_opt (wr, "themes", kts_episode_get_themes (episode));
  attr_enum (wr, "status", KTS_TYPE_EPISODE_STATUS, kts_episode_get_status (episode), -1);
  text_element_opt (wr, "pattern-formula", kts_episode_get_pattern_formula (episode));

  n = g_list_model_get_n_items (moves);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsMove) move = g_list_model_get_item (moves, i);

      write_move (wr, move);
    }

  n = g_list_model_get_n_items (edges);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsEdge) edge = g_list_model_get_item (edges, i);

      write_edge (wr, edge);
    }
  end (wr);
}

static void
write_practice_set (Writer *wr, gpointer item)
{
  KtsPracticeSet    *set = item;
  const char *const *layers = kts_practice_set_get_layers (set);
  char               time[32];

  start (wr, "practice-set");
  attr (wr, "guid", kts_item_get_guid (KTS_ITEM (set)));
  attr (wr, "title", kts_practice_set_get_title (set));
  attr (wr, "document", kts_item_get_guid (KTS_ITEM (kts_practice_set_get_document (set))));
  attr (wr, "reference", kts_item_get_guid (KTS_ITEM (kts_practice_set_get_reference_coder (set))));
  attr (wr, "student", kts_item_get_guid (KTS_ITEM (kts_practice_set_get_student_coder (set))));
  if (layers != NULL && layers[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (" ", (char **)layers);
      attr (wr, "layers", joined);
    }
  attr_enum (wr, "state", KTS_TYPE_PRACTICE_STATE, kts_practice_set_get_state (set), -1);
  if (kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_SUBMITTED
      && format_utc_time (kts_practice_set_get_submitted (set), time))
    attr (wr, "submitted", time);
  if (kts_practice_set_get_pass_threshold (set) >= 0)
    attr_double (wr, "pass-threshold", kts_practice_set_get_pass_threshold (set));
  text_element_opt (wr, "instructions", kts_practice_set_get_instructions (set));
  end (wr);
}

/* Writes the items of @list, each with @func. */
static void
write_list (Writer *wr, const char *section, GListModel *list, void (*func) (Writer *, gpointer))
{
  guint n = g_list_model_get_n_items (list);

  start (wr, section);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);

      func (wr, item);
    }
  end (wr);
}

GBytes *
kts_project_serialize (KtsProject *project)
{
  g_autoptr (GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  GListModel        *documents;
  xmlOutputBufferPtr out;
  Writer             wr = { 0 };
  guint              n;

  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);

  ensure_libxml_initialized ();

  wr.out = g_byte_array_sized_new (64 * 1024);
  wr.scratch = scratch;
  out = xmlOutputBufferCreateIO (writer_write_cb, writer_close_cb, wr.out, NULL);
  wr.w = xmlNewTextWriter (out);
  xmlTextWriterSetIndent (wr.w, 1);
  xmlTextWriterSetIndentString (wr.w, BAD_CAST "  ");

  xmlTextWriterStartDocument (wr.w, "1.0", "UTF-8", NULL);
  start (&wr, "kintsugi");
  attr (&wr, "xmlns", KTS_PROJECT_NAMESPACE);
  attr_int (&wr, "format", KTS_PROJECT_FORMAT_VERSION);
  attr (&wr, "generator", "Kintsugi " PACKAGE_VERSION);

  start (&wr, "project");
  attr (&wr, "title", kts_project_get_title (project));
  if (kts_project_get_theory_locked (project))
    attr (&wr, "theory-locked", "true");
  end (&wr);

  write_list (&wr, "coders", kts_project_get_coders (project), write_coder);
  write_codebook (&wr, kts_project_get_codebook (project));

  documents = kts_project_get_documents (project);
  write_list (&wr, "documents", documents, write_document);

  start (&wr, "codings");
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsDocument) doc = g_list_model_get_item (documents, i);
      GListModel *codings = kts_document_get_codings (doc);
      guint       m = g_list_model_get_n_items (codings);

      for (guint j = 0; j < m; j++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, j);

          write_coding (&wr, coding);
        }
    }
  end (&wr);

  write_list (&wr, "cases", kts_project_get_cases (project), write_case);
  write_list (&wr, "episodes", kts_project_get_episodes (project), write_episode);
  /* Optional: a project without practice sets is written as before. */
  if (g_list_model_get_n_items (kts_project_get_practice_sets (project)) > 0)
    write_list (&wr, "practice-sets", kts_project_get_practice_sets (project), write_practice_set);

  end (&wr);
  xmlTextWriterEndDocument (wr.w);
  xmlFreeTextWriter (wr.w);

  return g_byte_array_free_to_bytes (wr.out);
}

/* ======================================================================
 * Parsing
 * ====================================================================== */

typedef struct
{
  int      line;
  char    *message;
  gboolean ours; /* @message is ours, not the XML parser's */
} ParseState;

static void
parse_error_cb (void *user_data, xmlErrorPtr err)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState      *state = ctxt->_private;

  if (err == NULL || err->level < XML_ERR_ERROR || state->message != NULL)
    return;

  state->line = err->line;
  state->message = g_utf8_make_valid (err->message != NULL ? err->message : "", -1);
  g_strstrip (state->message);
}

/* libxml2 keeps line numbers above 65535 only for text nodes, and notes the
 * line where a start tag ends. We note the line where each element's start
 * tag begins, exactly, in its _private field: walking back from the parser's
 * position to the tag's '<' is safe because '<' cannot occur inside a tag. */
static void
start_element_cb (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr  ctxt = ctx;
  xmlNodePtr        parent = ctxt->node;
  xmlParserInputPtr input = ctxt->input;

  if (ctxt->nodeNr >= MAX_ELEMENT_DEPTH)
    {
      ParseState *state = ctxt->_private;

      if (state->message == NULL)
        {
          state->line = input != NULL ? input->line : 0;
          state->message
              = g_strdup_printf (_ ("elements are nested more than %d deep"), MAX_ELEMENT_DEPTH);
          state->ours = TRUE;
        }
      xmlStopParser (ctxt);
      return;
    }

  xmlSAX2StartElementNs (ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                         nb_defaulted, attributes);
  if (ctxt->node != NULL && ctxt->node != parent && input != NULL)
    {
      const xmlChar *p = input->cur;
      int            line = input->line;

      while (p != NULL && p > input->base && *p != '<')
        {
          p--;
          if (*p == '\n')
            line--;
        }
      ctxt->node->_private = GINT_TO_POINTER (MAX (line, 1));
    }
}

static long
node_line (xmlNode *node)
{
  if (node == NULL)
    return 0;
  if (node->type == XML_ATTRIBUTE_NODE)
    node = node->parent;
  if (node != NULL && node->type == XML_ELEMENT_NODE && node->_private != NULL)
    return GPOINTER_TO_INT (node->_private);
  return node != NULL ? xmlGetLineNo (node) : 0;
}

static char *
format_problem (const char *filename, long line, const char *what)
{
  if (filename != NULL)
    /* Translators: a problem in a file: "study.kintsugi, line 12: what is wrong" */
    return g_strdup_printf (_ ("%s, line %ld: %s"), filename, line, what);
  /* Translators: a problem in a file without a name: "Line 12: what is wrong" */
  return g_strdup_printf (_ ("Line %ld: %s"), line, what);
}

static void set_problem_error (
    GError **error, int code, const char *filename, long line, const char *format, ...)
    G_GNUC_PRINTF (5, 6);

static void
set_problem_error (
    GError **error, int code, const char *filename, long line, const char *format, ...)
{
  g_autofree char *what = NULL;
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  message = format_problem (filename, line, what);
  g_set_error_literal (error, KTS_ERROR, code, message);
}

static gboolean
has_prefix_at (const char *p, const char *end, const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - p) >= n && memcmp (p, prefix, n) == 0;
}

static const char *
find_bytes (const char *p, const char *end, const char *needle)
{
  gsize n = strlen (needle);

  for (; (gsize)(end - p) >= n; p++)
    {
      p = memchr (p, needle[0], (gsize)(end - p));
      if (p == NULL || (gsize)(end - p) < n)
        return NULL;
      if (memcmp (p, needle, n) == 0)
        return p;
    }
  return NULL;
}

static long
count_lines (const char *start_at, const char *p)
{
  long line = 1;

  for (const char *q = start_at; q < p; q++)
    line += *q == '\n';
  return line;
}

/* Checks the encoding declaration of the XML declaration [@p, @end). */
static gboolean
xml_decl_encoding_ok (const char *p, const char *end)
{
  const char *enc = find_bytes (p, end, "encoding");
  char        quote;
  const char *value;
  const char *close;

  if (enc == NULL)
    return TRUE;
  enc += strlen ("encoding");
  while (enc < end && (is_xml_space (*enc) || *enc == '='))
    enc++;
  if (enc >= end || (*enc != '"' && *enc != '\''))
    return TRUE; /* malformed: libxml2 will say so */
  quote = *enc++;
  value = enc;
  close = memchr (value, quote, (gsize)(end - value));
  if (close == NULL)
    return TRUE;
  return (close - value == 5 && g_ascii_strncasecmp (value, "UTF-8", 5) == 0)
         || (close - value == 4 && g_ascii_strncasecmp (value, "UTF8", 4) == 0);
}

/* Looks at everything before the root element. A DOCTYPE is refused before
 * libxml2 ever sees it, so no entity can be declared, expanded or fetched;
 * so is any encoding but UTF-8, which keeps this scan honest. */
static gboolean
check_prolog (const char *data, gsize size, const char *filename, GError **error)
{
  const char *p = data;
  const char *end = data + size;

  if (size >= 2
      && (((guchar)p[0] == 0xFE && (guchar)p[1] == 0xFF)
          || ((guchar)p[0] == 0xFF && (guchar)p[1] == 0xFE)))
    goto not_utf8;
  if (size >= 3 && (guchar)p[0] == 0xEF && (guchar)p[1] == 0xBB && (guchar)p[2] == 0xBF)
    p += 3;
  /* The first character must be '<' or white space in ASCII, and not
   * followed by a NUL: this rules out UTF-16 and UTF-32 without a byte order
   * mark and EBCDIC, which libxml2 would otherwise detect and decode, and
   * so hide a DOCTYPE from this scan. */
  if (p < end && *p != '<' && !is_xml_space (*p))
    {
      set_problem_error (error, KTS_ERROR_PARSE, filename, 1, "%s",
                         _ ("this is not an XML file (it does not begin with “<”)"));
      return FALSE;
    }
  if (end - p >= 2 && p[1] == '\0')
    goto not_utf8;

  while (p < end)
    {
      const char *close;

      if (is_xml_space (*p))
        {
          p++;
          continue;
        }
      if (has_prefix_at (p, end, "<!--"))
        {
          close = find_bytes (p + 4, end, "-->");
          if (close == NULL)
            return TRUE;
          p = close + 3;
          continue;
        }
      if (has_prefix_at (p, end, "<?"))
        {
          close = find_bytes (p + 2, end, "?>");
          if (close == NULL)
            return TRUE;
          if (has_prefix_at (p, end, "<?xml") && p + 5 < end && is_xml_space (p[5])
              && !xml_decl_encoding_ok (p, close))
            goto not_utf8;
          p = close + 2;
          continue;
        }
      if (has_prefix_at (p, end, "<!"))
        {
          set_problem_error (error, KTS_ERROR_UNSAFE, filename, count_lines (data, p), "%s",
                             _ ("document type declarations are not allowed"));
          return FALSE;
        }
      /* The root element, or something libxml2 will complain about. */
      return TRUE;
    }
  return TRUE;

not_utf8:
  set_problem_error (error, KTS_ERROR_ENCODING, filename, count_lines (data, MIN (p, end)), "%s",
                     _ ("the file is not in UTF-8"));
  return FALSE;
}

/* Parses @bytes into a DOM after the safety checks; every element's exact
 * line is in its _private field. */
static xmlDoc *
parse_bytes (GBytes *bytes, const char *filename, GError **error)
{
  g_autoptr (xmlParserCtxt) ctxt = NULL;
  ParseState  state = { 0 };
  const char *data;
  gsize       size;
  xmlDoc     *doc;

  ensure_libxml_initialized ();

  data = g_bytes_get_data (bytes, &size);
  if (size > KTS_PROJECT_MAX_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size (KTS_PROJECT_MAX_FILE_SIZE);

      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   /* Translators: %s are a file name and a size such as "1.1 GB" */
                   _ ("%s: the file is larger than %s"), filename ? filename : _ ("Project"),
                   limit);
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_EMPTY, _ ("%s: the file is empty"),
                   filename ? filename : _ ("Project"));
      return NULL;
    }
  if (!check_prolog (data, size, filename, error))
    return NULL;

  ctxt = xmlCreateMemoryParserCtxt (data, (int)size);
  if (ctxt == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_FAILED, _ ("%s: could not start the XML parser"),
                   filename ? filename : _ ("Project"));
      return NULL;
    }

  /* No entity substitution, no DTD loading, no network; HUGE lifts the
   * limits on text length, which is safe because DTDs never get here. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE
                               | XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC | XML_PARSE_NOERROR
                               | XML_PARSE_NOWARNING);
  ctxt->_private = &state;
  ctxt->sax->serror = parse_error_cb;
  ctxt->sax->startElementNs = start_element_cb;
  ctxt->sax->initialized = XML_SAX2_MAGIC;

  xmlParseDocument (ctxt);
  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;

  if (state.message != NULL || !ctxt->wellFormed || doc == NULL)
    {
      g_autofree char *message = state.message;

      if (state.ours)
        set_problem_error (error, KTS_ERROR_TOO_LARGE, filename, MAX (state.line, 1), "%s",
                           message);
      else
        set_problem_error (error, KTS_ERROR_PARSE, filename, MAX (state.line, 1),
                           /* Translators: %s is the XML parser's own (English) message */
                           _ ("not a well-formed XML file: %s"),
                           message != NULL ? message : _ ("unknown error"));
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      set_problem_error (error, KTS_ERROR_UNSAFE, filename, 1, "%s",
                         _ ("document type declarations are not allowed"));
      xmlFreeDoc (doc);
      return NULL;
    }

  return doc;
}

/* ======================================================================
 * Building a project from the DOM
 * ====================================================================== */

/* One problem found while validating. */
typedef struct
{
  long  line;
  char *message;
} Problem;

static void
problem_clear (gpointer data)
{
  Problem *p = data;

  g_free (p->message);
}

/* What a guid names. @object is NULL while the item is being read. A
 * @broken item was reported already: references to it are skipped quietly,
 * so one mistake gives one message. */
typedef struct
{
  GObject *object;
  long     line;
  gboolean broken;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_clear_object (&e->object);
  g_free (e);
}

typedef struct
{
  const char *filename;
  xmlNs      *ns; /* the namespace node already checked */
  KtsProject *project;
  GHashTable *guids; /* lower-case guid → Entry */
  GHashTable *keys;  /* code key → line */
  long        shortcut_line[10];
  GArray     *problems; /* of Problem when collecting; NULL to stop at the first */
  GError     *error;
  GPtrArray  *scratch;        /* strings that live until the current item is built */
  GPtrArray  *grouping_codes; /* codes with codable="false", made so at the end */
  guint       n_broken;
  guint       n_reports;
} Loader;

static gboolean
loader_stopped (Loader *l)
{
  return l->problems == NULL && l->error != NULL;
}

static void report (Loader *l, xmlNode *node, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
report (Loader *l, xmlNode *node, const char *format, ...)
{
  g_autofree char *what = NULL;
  long             line = node_line (node);
  va_list          args;

  if (loader_stopped (l))
    return;

  l->n_reports++;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (l->problems != NULL)
    {
      Problem p = { line, format_problem (l->filename, line, what) };

      g_array_append_val (l->problems, p);
    }
  else
    {
      g_autofree char *message = format_problem (l->filename, line, what);

      l->error = g_error_new_literal (KTS_ERROR, KTS_ERROR_INVALID_FILE, message);
    }
}

/* A model operation refused something the checks above let through. */
static void
report_gerror (Loader *l, xmlNode *node, GError *error)
{
  report (l, node, "%s", error->message);
}

static const char *
node_name (xmlNode *node)
{
  return (const char *)node->name;
}

static gboolean
in_our_namespace (Loader *l, xmlNode *node)
{
  if (node->ns == l->ns)
    return TRUE;
  if (node->ns == NULL || node->ns->href == NULL
      || strcmp ((const char *)node->ns->href, KTS_PROJECT_NAMESPACE) != 0)
    return FALSE;
  return TRUE;
}

static gboolean
is_blank (const xmlChar *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!is_xml_space ((char)*s))
      return FALSE;
  return TRUE;
}

/* ---- children -------------------------------------------------------- */

enum
{
  OPTIONAL = 0,
  REQUIRED = 1 << 0,
  REPEATED = 1 << 1,
};

typedef struct
{
  const char *name;
  guint       flags;
} ChildSpec;

typedef struct
{
  xmlNode         *parent;
  xmlNode         *cursor;
  const ChildSpec *spec;
  guint            n_spec;
  guint            pos;
  guint32          seen;
} Children;

static void
children_init (Children *c, xmlNode *parent, const ChildSpec *spec, guint n_spec)
{
  g_assert (n_spec <= 32);

  c->parent = parent;
  c->cursor = parent->children;
  c->spec = spec;
  c->n_spec = n_spec;
  c->pos = 0;
  c->seen = 0;
}

/* The next element child in the order @spec allows, with its index in
 * *@index; reports and skips anything else. NULL at the end, after
 * reporting required children that never came. */
static xmlNode *
children_next (Loader *l, Children *c, guint *index)
{
  const char *parent_name = node_name (c->parent);

  while (c->cursor != NULL && !loader_stopped (l))
    {
      xmlNode    *node = c->cursor;
      const char *name;
      guint       i;

      c->cursor = node->next;

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (!is_blank (node->content))
            report (l, node->prev != NULL ? node->prev : c->parent, _ ("unexpected text in “%s”"),
                    parent_name);
          continue;
        }
      if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE)
        continue;
      if (node->type != XML_ELEMENT_NODE)
        {
          report (l, c->parent, _ ("unexpected content in “%s”"), parent_name);
          continue;
        }

      name = node_name (node);
      if (!in_our_namespace (l, node))
        {
          report (l, node, _ ("unexpected element “%s” in “%s”"), name, parent_name);
          continue;
        }

      for (i = c->pos; i < c->n_spec; i++)
        if (strcmp (c->spec[i].name, name) == 0)
          break;

      if (i == c->n_spec)
        {
          gboolean earlier = FALSE;

          for (guint j = 0; j < c->pos; j++)
            earlier |= strcmp (c->spec[j].name, name) == 0;
          if (earlier)
            report (l, node, _ ("element “%s” is out of place in “%s”"), name, parent_name);
          else
            report (l, node, _ ("unexpected element “%s” in “%s”"), name, parent_name);
          continue;
        }

      if ((c->seen & (1u << i)) && !(c->spec[i].flags & REPEATED))
        {
          report (l, node, _ ("“%s” may hold only one “%s”"), parent_name, name);
          continue;
        }

      for (guint j = c->pos; j < i; j++)
        if ((c->spec[j].flags & REQUIRED) && !(c->seen & (1u << j)))
          {
            report (l, node, _ ("“%s” is missing before “%s”"), c->spec[j].name, name);
            c->seen |= 1u << j;
          }

      c->pos = i;
      c->seen |= 1u << i;
      *index = i;
      return node;
    }

  for (guint j = c->pos; j < c->n_spec && !loader_stopped (l); j++)
    if ((c->spec[j].flags & REQUIRED) && !(c->seen & (1u << j)))
      report (l, c->parent, _ ("“%s” has no “%s”"), parent_name, c->spec[j].name);

  return NULL;
}

/* The text content of a leaf element; NULL (after a report) if it holds
 * elements. Lives until the next scratch reset. */
static const char *
element_text (Loader *l, xmlNode *node)
{
  xmlNode *child = node->children;
  GString *s;

  if (child == NULL)
    return "";
  if (child->next == NULL && child->type == XML_TEXT_NODE)
    return (const char *)child->content;

  s = g_string_new (NULL);
  for (; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (s, (const char *)child->content);
      else if (child->type == XML_ELEMENT_NODE)
        {
          report (l, child, _ ("unexpected element “%s” in “%s”"), node_name (child),
                  node_name (node));
          g_string_free (s, TRUE);
          return NULL;
        }
    }
  g_ptr_array_add (l->scratch, s->str);
  return g_string_free (s, FALSE);
}

/* An optional text element: NULL when empty. */
static const char *
optional_text (const char *s)
{
  return s != NULL && s[0] != '\0' ? s : NULL;
}

/* ---- attributes -------------------------------------------------------- */

static const char *
attribute_value (Loader *l, xmlAttr *a)
{
  xmlNode *child = a->children;
  xmlChar *joined;

  if (child == NULL)
    return "";
  if (child->next == NULL && child->type == XML_TEXT_NODE)
    return (const char *)child->content;

  joined = xmlNodeListGetString (a->doc, child, 1);
  g_ptr_array_add (l->scratch, g_strdup (joined != NULL ? (const char *)joined : ""));
  xmlFree (joined);
  return g_ptr_array_index (l->scratch, l->scratch->len - 1);
}

/* Fills @values (parallel to @names) from @node's attributes. @required is a
 * bit mask over @names. Returns FALSE if a required attribute is missing. */
static gboolean
read_attributes (Loader            *l,
                 xmlNode           *node,
                 const char *const *names,
                 guint              n_names,
                 guint32            required,
                 const char       **values)
{
  gboolean ok = TRUE;

  g_assert (n_names <= 32);
  if (n_names > 0)
    memset (values, 0, sizeof (char *) * n_names);

  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      const char *name = (const char *)a->name;
      guint       i = n_names;

      if (a->ns == NULL)
        for (i = 0; i < n_names; i++)
          if (strcmp (names[i], name) == 0)
            break;

      if (i == n_names)
        {
          report (l, node, _ ("unknown attribute “%s” on “%s”"), name, node_name (node));
          continue;
        }
      values[i] = attribute_value (l, a);
    }

  for (guint i = 0; i < n_names; i++)
    if ((required & (1u << i)) && values[i] == NULL)
      {
        report (l, node, _ ("“%s” has no “%s” attribute"), node_name (node), names[i]);
        ok = FALSE;
      }

  return ok;
}

#define READ_ATTRIBUTES(l, node, names, required, values)                                          \
  read_attributes (l, node, names, G_N_ELEMENTS (names), required, values)

/* An optional free-text attribute: NULL when absent or empty. */
static const char *
optional_attr (const char *s)
{
  return s != NULL && s[0] != '\0' ? s : NULL;
}

static gboolean
get_int (Loader     *l,
         xmlNode    *node,
         const char *name,
         const char *value,
         gint64      min,
         gint64      max,
         gint64     *out)
{
  if (parse_int_range (value, min, max, out))
    return TRUE;

  if (max == G_MAXINT64 || max >= G_MAXUINT32)
    report (l, node, _ ("“%s” is not a valid “%s” (a whole number ≥ %lld expected)"), value, name,
            (long long)min);
  else
    report (l, node, _ ("“%s” is not a valid “%s” (a whole number from %lld to %lld expected)"),
            value, name, (long long)min, (long long)max);
  return FALSE;
}

static gboolean
get_uint (Loader *l, xmlNode *node, const char *name, const char *value, guint *out)
{
  gint64 v = 0;

  if (!get_int (l, node, name, value, 0, G_MAXUINT32, &v))
    return FALSE;
  *out = (guint)v;
  return TRUE;
}

/* An optional enumerated attribute: @omit when absent. The omitted value's
 * own token ("unset", "none") is not accepted in a file. */
static gboolean
get_enum (
    Loader *l, xmlNode *node, const char *name, const char *value, GType type, int omit, int *out)
{
  int v;

  if (value == NULL)
    {
      *out = omit;
      return TRUE;
    }
  /* "participant" is the default of interpretation, but a real token. */
  if (kts_enum_from_nick (type, value, &v) && (v != omit || type == KTS_TYPE_INTERPRETATION))
    {
      *out = v;
      return TRUE;
    }

  report (l, node, _ ("“%s” is not a valid value of “%s”"), value, name);
  return FALSE;
}

static gboolean
get_boolean (Loader *l, xmlNode *node, const char *name, const char *value, gboolean *out)
{
  if (value == NULL)
    return TRUE;
  if (strcmp (value, "true") == 0)
    *out = TRUE;
  else if (strcmp (value, "false") == 0)
    *out = FALSE;
  else
    {
      report (l, node, _ ("“%s” is not a valid value of “%s” (true or false)"), value, name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_guid (Loader *l, xmlNode *node, const char *name, const char *value, char out[37])
{
  if (!kts_guid_is_valid (value))
    {
      report (l, node, _ ("“%s” is not a valid identifier in “%s”"), value, name);
      return FALSE;
    }
  for (int i = 0; i < 36; i++)
    out[i] = g_ascii_tolower (value[i]);
  out[36] = '\0';
  return TRUE;
}

/* Reads the "guid" attribute @value of @node and claims it. Returns the
 * entry to fill once the item is built, or NULL after a report. */
static Entry *
claim_guid (Loader *l, xmlNode *node, const char *value)
{
  char   guid[37];
  Entry *entry;

  if (!get_guid (l, node, "guid", value, guid))
    return NULL;

  entry = g_hash_table_lookup (l->guids, guid);
  if (entry != NULL)
    {
      report (l, node, _ ("the identifier “%s” is already used on line %ld"), guid, entry->line);
      return NULL;
    }

  entry = g_new0 (Entry, 1);
  entry->line = node_line (node);
  g_hash_table_insert (l->guids, g_strdup (guid), entry);
  return entry;
}

/* Claims the guid @value of an item that cannot be read (after a report),
 * so references to it add no messages. */
static void
claim_broken_guid (Loader *l, xmlNode *node, const char *value)
{
  char   guid[37];
  Entry *entry;

  if (value == NULL || !kts_guid_is_valid (value))
    return;
  for (int i = 0; i < 36; i++)
    guid[i] = g_ascii_tolower (value[i]);
  guid[36] = '\0';
  if (g_hash_table_contains (l->guids, guid))
    return;

  entry = g_new0 (Entry, 1);
  entry->line = node_line (node);
  entry->broken = TRUE;
  g_hash_table_insert (l->guids, g_strdup (guid), entry);
}

static void
entry_set (Entry *entry, gpointer object)
{
  g_set_object (&entry->object, object);
}

/* The item of @entry could not be built (and said why). */
static void
entry_broken (Loader *l, Entry *entry)
{
  if (entry != NULL)
    entry->broken = TRUE;
  l->n_broken++;
}

typedef enum
{
  REF_DOCUMENT,
  REF_CODE,
  REF_CODER,
  REF_CODING,
  REF_CASE,
} RefKind;

/* Resolves the reference @value in attribute @name. Returns NULL after a
 * report, or quietly when it names an item that was itself broken (which
 * was reported already). */
static gpointer
resolve (Loader *l, xmlNode *node, const char *name, const char *value, RefKind kind)
{
  char   guid[37];
  Entry *entry;
  GType  type = G_TYPE_INVALID;

  if (!get_guid (l, node, name, value, guid))
    return NULL;

  switch (kind)
    {
    case REF_DOCUMENT:
      type = KTS_TYPE_DOCUMENT;
      break;
    case REF_CODE:
      type = KTS_TYPE_CODE;
      break;
    case REF_CODER:
      type = KTS_TYPE_CODER;
      break;
    case REF_CODING:
      type = KTS_TYPE_CODING;
      break;
    case REF_CASE:
      type = KTS_TYPE_CASE;
      break;
    }

  entry = g_hash_table_lookup (l->guids, guid);
  if (entry != NULL && entry->broken)
    {
      /* Reported already; in stop mode the walk ended there. */
      return NULL;
    }
  if (entry != NULL && G_TYPE_CHECK_INSTANCE_TYPE (entry->object, type))
    return entry->object;

  switch (kind)
    {
    case REF_DOCUMENT:
      report (l, node, _ ("there is no document with the identifier “%s”"), value);
      break;
    case REF_CODE:
      report (l, node, _ ("there is no code with the identifier “%s”"), value);
      break;
    case REF_CODER:
      report (l, node, _ ("there is no coder with the identifier “%s”"), value);
      break;
    case REF_CODING:
      report (l, node, _ ("there is no coding with the identifier “%s”"), value);
      break;
    case REF_CASE:
      report (l, node, _ ("there is no case with the identifier “%s”"), value);
      break;
    }
  return NULL;
}

/* ---- sections ------------------------------------------------------------ */

static void
scratch_reset (Loader *l)
{
  g_ptr_array_set_size (l->scratch, 0);
}

static void
load_project_element (Loader *l, xmlNode *node)
{
  static const char *const names[] = { "title", "theory-locked" };
  const char              *v[G_N_ELEMENTS (names)];
  gboolean                 locked = FALSE;

  if (READ_ATTRIBUTES (l, node, names, 1u << 0, v))
    {
      kts_project_set_title (l->project, v[0]);
      if (get_boolean (l, node, "theory-locked", v[1], &locked) && locked)
        kts_project_set_boolean (l->project, l->project, "theory-locked", TRUE);
    }
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      report (l, c, _ ("unexpected element “%s” in “%s”"), node_name (c), node_name (node));
}

static void
load_coder (Loader *l, xmlNode *node)
{
  enum
  {
    GUID,
    NAME,
    INITIALS
  };
  static const char *const names[] = { "guid", "name", "initials" };
  const char              *v[G_N_ELEMENTS (names)];
  g_autoptr (KtsCoder) coder = NULL;
  g_autoptr (GError) error = NULL;
  Entry *entry;

  if (!READ_ATTRIBUTES (l, node, names, 1u << GUID | 1u << NAME, v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;

  coder = g_object_new (KTS_TYPE_CODER, "guid", v[GUID], "name", v[NAME], "initials",
                        optional_attr (v[INITIALS]), NULL);
  if (!kts_project_add_coder (l->project, coder, &error))
    {
      report_gerror (l, node, error);
      entry_broken (l, entry);
      return;
    }
  entry_set (entry, coder);
}

static void
load_changelog (Loader *l, xmlNode *node)
{
  static const ChildSpec   spec[] = { { "entry", REPEATED } };
  static const char *const names[] = { "version", "date" };
  KtsCodebook             *codebook = kts_project_get_codebook (l->project);
  Children                 c;
  xmlNode                 *child;
  guint                    i;

  read_attributes (l, node, NULL, 0, 0, NULL);
  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      const char *v[G_N_ELEMENTS (names)];
      const char *text;
      gint64      version;
      int         y, m, d;

      if (!READ_ATTRIBUTES (l, child, names, 0x3, v)
          || !get_int (l, child, "version", v[0], 1, G_MAXINT, &version))
        continue;
      if (!parse_date (v[1], &y, &m, &d) || strlen (v[1]) != 10)
        {
          report (l, child, _ ("“%s” is not a valid date (YYYY-MM-DD expected)"), v[1]);
          continue;
        }
      if ((text = element_text (l, child)) == NULL)
        continue;
      _kts_codebook_add_changelog (codebook, (int)version, v[1], optional_text (text));
      scratch_reset (l);
    }
}

static gboolean
is_color (const char *s)
{
  if (strlen (s) != 7 || s[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* The sub-codes of a code that could not be read are left out too. */
static void
claim_broken_codes (Loader *l, xmlNode *node)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST "guid");

  claim_broken_guid (l, node, (const char *)value);
  xmlFree (value);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp ((const char *)c->name, "code") == 0)
      claim_broken_codes (l, c);
}

static void load_code (Loader *l, xmlNode *node, KtsCode *parent, guint depth);

static const char *const code_text_names[] = { "definition", "example", "include",
                                               "exclude",    "notes",   "source",
                                               "basis",      "maps-to", "unit" };

static void
load_code (Loader *l, xmlNode *node, KtsCode *parent, guint depth)
{
  enum
  {
    GUID,
    KEY,
    NAME,
    COLOR,
    CODABLE,
    DIMENSION,
    MATURITY,
    BLATT_RANK,
    FAMILY,
    SHORTCUT,
    N_ATTRS
  };
  static const char *const names[]
      = { "guid",      "key",      "name",       "color",  "codable",
          "dimension", "maturity", "blatt-rank", "family", "shortcut" };
  static const ChildSpec spec[] = {
    { "definition", 0 }, { "example", 0 }, { "include", 0 }, { "exclude", 0 }, { "notes", 0 },
    { "source", 0 },     { "basis", 0 },   { "maps-to", 0 }, { "unit", 0 },    { "code", REPEATED },
  };
  const char *v[N_ATTRS];
  const char *texts[G_N_ELEMENTS (code_text_names)] = { NULL };
  g_autoptr (GPtrArray) sub_codes = g_ptr_array_new ();
  g_autoptr (KtsCode) code = NULL;
  g_autoptr (GError) error = NULL;
  gboolean codable = TRUE;
  gint64   blatt_rank = 0, shortcut = 0;
  int      dimension = KTS_DIMENSION_NONE, maturity = KTS_MATURITY_UNSET;
  gboolean ok = TRUE;
  Entry   *entry;
  Children c;
  xmlNode *child;
  guint    i;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == N_ATTRS);

  if (depth >= MAX_CODE_DEPTH)
    {
      report (l, node, _ ("codes are nested more than %d deep"), MAX_CODE_DEPTH);
      return;
    }

  if (!READ_ATTRIBUTES (l, node, names, 1u << GUID | 1u << NAME, v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;

  if (v[NAME][0] == '\0')
    {
      report (l, node, _ ("a code needs a name"));
      ok = FALSE;
    }
  if (v[KEY] != NULL)
    {
      gpointer line;

      if (v[KEY][0] == '\0')
        {
          report (l, node, _ ("the key of a code cannot be empty"));
          ok = FALSE;
        }
      else if (g_hash_table_lookup_extended (l->keys, v[KEY], NULL, &line))
        {
          report (l, node, _ ("the key “%s” is already used on line %ld"), v[KEY],
                  (long)GPOINTER_TO_SIZE (line));
          ok = FALSE;
        }
      else
        g_hash_table_insert (l->keys, g_strdup (v[KEY]), GSIZE_TO_POINTER (node_line (node)));
    }
  if (v[COLOR] != NULL && !is_color (v[COLOR]))
    {
      report (l, node, _ ("“%s” is not a colour (#rrggbb expected)"), v[COLOR]);
      ok = FALSE;
    }
  if (v[FAMILY] != NULL && v[FAMILY][0] == '\0')
    {
      report (l, node, _ ("the family of a code cannot be empty"));
      ok = FALSE;
    }
  ok &= get_boolean (l, node, "codable", v[CODABLE], &codable);
  ok &= get_enum (l, node, "dimension", v[DIMENSION], KTS_TYPE_DIMENSION, KTS_DIMENSION_NONE,
                  &dimension);
  ok &= get_enum (l, node, "maturity", v[MATURITY], KTS_TYPE_MATURITY, KTS_MATURITY_UNSET,
                  &maturity);
  if (v[BLATT_RANK] != NULL)
    ok &= get_int (l, node, "blatt-rank", v[BLATT_RANK], 1, G_MAXINT, &blatt_rank);
  if (v[SHORTCUT] != NULL && (ok &= get_int (l, node, "shortcut", v[SHORTCUT], 1, 9, &shortcut)))
    {
      if (l->shortcut_line[shortcut] != 0)
        {
          report (l, node, _ ("the shortcut %d is already used on line %ld"), (int)shortcut,
                  l->shortcut_line[shortcut]);
          ok = FALSE;
        }
      else
        l->shortcut_line[shortcut] = node_line (node);
    }

  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      if (i < G_N_ELEMENTS (code_text_names))
        {
          read_attributes (l, child, NULL, 0, 0, NULL);
          ok &= (texts[i] = element_text (l, child)) != NULL;
        }
      else
        g_ptr_array_add (sub_codes, child);
    }

  if (!ok || loader_stopped (l))
    {
      entry_broken (l, entry);
      for (i = 0; i < sub_codes->len; i++)
        claim_broken_codes (l, g_ptr_array_index (sub_codes, i));
      return;
    }

  /* A code can become non-codable after it was applied; the model only
   * refuses new codings of such codes, so they stay codable until the
   * codings are in. */
  code = g_object_new (KTS_TYPE_CODE, "guid", v[GUID], "name", v[NAME], "key", v[KEY], "color",
                       v[COLOR], "codable", TRUE, "dimension", dimension, "maturity", maturity,
                       "blatt-rank", (int)blatt_rank, "family", v[FAMILY], "shortcut",
                       (int)shortcut, NULL);
  for (i = 0; i < G_N_ELEMENTS (code_text_names); i++)
    if (optional_text (texts[i]) != NULL)
      g_object_set (code, code_text_names[i], texts[i], NULL);

  if (!kts_project_add_code (l->project, code, parent, -1, &error))
    {
      report_gerror (l, node, error);
      entry_broken (l, entry);
      return;
    }
  entry_set (entry, code);
  if (!codable)
    g_ptr_array_add (l->grouping_codes, g_object_ref (code));
  scratch_reset (l);

  for (i = 0; i < sub_codes->len && !loader_stopped (l); i++)
    load_code (l, g_ptr_array_index (sub_codes, i), code, depth + 1);
}

static void
load_codebook (Loader *l, xmlNode *node)
{
  static const char *const names[] = { "name", "version" };
  static const ChildSpec   spec[] = { { "changelog", 0 }, { "code", REPEATED } };
  KtsCodebook             *codebook = kts_project_get_codebook (l->project);
  const char              *v[G_N_ELEMENTS (names)];
  gint64                   version = 1;
  Children                 c;
  xmlNode                 *child;
  guint                    i;

  if (READ_ATTRIBUTES (l, node, names, 1u << 1, v)
      && get_int (l, node, "version", v[1], 1, G_MAXINT, &version))
    {
      if (optional_attr (v[0]) != NULL)
        g_object_set (codebook, "name", v[0], NULL);
      _kts_codebook_set_version (codebook, (int)version);
    }

  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      if (i == 0)
        load_changelog (l, child);
      else
        load_code (l, child, NULL, 0);
      scratch_reset (l);
    }
}

static gboolean
load_speakers (Loader *l, xmlNode *node, GArray *speakers)
{
  static const ChildSpec   spec[] = { { "speaker", REPEATED } };
  static const char *const names[] = { "label", "role" };
  gboolean                 ok = TRUE;
  Children                 c;
  xmlNode                 *child;
  guint                    i;

  read_attributes (l, node, NULL, 0, 0, NULL);
  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      const char *v[G_N_ELEMENTS (names)];
      KtsSpeaker  speaker;
      int         role = KTS_ROLE_OTHER;

      if (!READ_ATTRIBUTES (l, child, names, 0x3, v)
          || !get_enum (l, child, "role", v[1], KTS_TYPE_ROLE, -1, &role))
        {
          ok = FALSE;
          continue;
        }
      speaker.label = (char *)v[0];
      speaker.role = role;
      g_array_append_val (speakers, speaker);
    }
  return ok;
}

static gboolean
load_turns (Loader *l, xmlNode *node, GArray *turns, guint n_speakers, guint n_characters)
{
  enum
  {
    SPEAKER,
    START,
    END,
    TIME
  };
  static const ChildSpec   spec[] = { { "turn", REPEATED } };
  static const char *const names[] = { "speaker", "start", "end", "time" };
  gboolean                 ok = TRUE;
  guint                    previous_end = 0;
  Children                 c;
  xmlNode                 *child;
  guint                    i;

  read_attributes (l, node, NULL, 0, 0, NULL);
  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      const char *v[G_N_ELEMENTS (names)];
      KtsTurn     turn = { -1, 0, 0, -1 };
      gint64      n;

      if (!READ_ATTRIBUTES (l, child, names, 1u << START | 1u << END, v)
          || !get_uint (l, child, "start", v[START], &turn.start)
          || !get_uint (l, child, "end", v[END], &turn.end))
        {
          ok = FALSE;
          continue;
        }
      if (v[SPEAKER] != NULL)
        {
          if (!get_int (l, child, "speaker", v[SPEAKER], 0, G_MAXINT, &n))
            {
              ok = FALSE;
              continue;
            }
          if ((guint64)n >= n_speakers)
            {
              report (l, child,
                      _ ("the turn names speaker %d, but the document has %u speakers (numbered "
                         "from 0)"),
                      (int)n, n_speakers);
              ok = FALSE;
              continue;
            }
          turn.speaker = (int)n;
        }
      if (v[TIME] != NULL)
        {
          if (!get_int (l, child, "time", v[TIME], 0, G_MAXINT64, &turn.timestamp_ms))
            {
              ok = FALSE;
              continue;
            }
        }
      if (turn.start >= turn.end)
        {
          report (l, child, _ ("the turn is empty or ends before it starts (%u–%u)"), turn.start,
                  turn.end);
          ok = FALSE;
          continue;
        }
      if (turn.end > n_characters)
        {
          report (l, child, _ ("the turn ends at %u, past the end of the text (%u characters)"),
                  turn.end, n_characters);
          ok = FALSE;
          continue;
        }
      if (turn.start < previous_end)
        {
          report (l, child, _ ("the turn %u–%u overlaps the one before or is out of order"),
                  turn.start, turn.end);
          ok = FALSE;
          continue;
        }
      previous_end = turn.end;
      g_array_append_val (turns, turn);
    }
  return ok;
}

static void
load_document (Loader *l, xmlNode *node)
{
  enum
  {
    GUID,
    TITLE,
    PSEUDONYMISED,
    SOURCE_NAME
  };
  static const char *const names[] = { "guid", "title", "pseudonymised", "source-name" };
  static const ChildSpec   spec[] = {
      { "attribute", REPEATED },
      { "speakers", 0 },
      { "text", REQUIRED },
      { "turns", 0 },
  };
  const char *v[G_N_ELEMENTS (names)];
  g_autoptr (GArray) speakers = g_array_new (FALSE, FALSE, sizeof (KtsSpeaker));
  g_autoptr (GArray) turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  g_autoptr (GPtrArray) attributes = g_ptr_array_new ();
  g_autoptr (GHashTable) attribute_lines = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (KtsDocument) doc = NULL;
  g_autoptr (GError) error = NULL;
  gboolean    pseudonymised = FALSE;
  gboolean    ok = TRUE;
  xmlNode    *turns_node = NULL;
  const char *text = NULL;
  Entry      *entry;
  Children    c;
  xmlNode    *child;
  guint       i;

  if (!READ_ATTRIBUTES (l, node, names, 1u << GUID | 1u << TITLE, v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;
  ok &= get_boolean (l, node, "pseudonymised", v[PSEUDONYMISED], &pseudonymised);

  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      switch (i)
        {
        case 0:
          {
            const char *name = NULL;
            const char *value;
            gpointer    line;

            if (!read_attributes (l, child, (const char *const[]){ "name" }, 1, 1, &name)
                || (value = element_text (l, child)) == NULL)
              {
                ok = FALSE;
                break;
              }
            if (name[0] == '\0')
              {
                report (l, child, _ ("an attribute needs a name"));
                ok = FALSE;
              }
            else if (g_hash_table_lookup_extended (attribute_lines, name, NULL, &line))
              {
                report (l, child, _ ("the attribute “%s” is already given on line %ld"), name,
                        (long)GPOINTER_TO_SIZE (line));
                ok = FALSE;
              }
            else
              {
                g_hash_table_insert (attribute_lines, (char *)name,
                                     GSIZE_TO_POINTER (node_line (child)));
                g_ptr_array_add (attributes, (char *)name);
                g_ptr_array_add (attributes, (char *)value);
              }
          }
          break;

        case 1:
          ok &= load_speakers (l, child, speakers);
          break;

        case 2:
          read_attributes (l, child, NULL, 0, 0, NULL);
          text = element_text (l, child);
          ok &= text != NULL;
          break;

        case 3:
          turns_node = child;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (!ok || text == NULL || loader_stopped (l))
    {
      entry_broken (l, entry);
      return;
    }

  doc = g_object_new (KTS_TYPE_DOCUMENT, "guid", v[GUID], "title", v[TITLE], "text", text,
                      "pseudonymised", pseudonymised, "source-name", optional_attr (v[SOURCE_NAME]),
                      NULL);

  if (turns_node != NULL
      && !load_turns (l, turns_node, turns, speakers->len, kts_document_get_n_characters (doc)))
    {
      entry_broken (l, entry);
      return;
    }
  if ((speakers->len > 0 || turns->len > 0)
      && !kts_document_set_turns (doc, (KtsSpeaker *)(void *)speakers->data, speakers->len,
                                  (KtsTurn *)(void *)turns->data, turns->len, &error))
    {
      report_gerror (l, turns_node != NULL ? turns_node : node, error);
      entry_broken (l, entry);
      return;
    }
  for (i = 0; i + 1 < attributes->len; i += 2)
    _kts_document_set_attribute (doc, g_ptr_array_index (attributes, i),
                                 g_ptr_array_index (attributes, i + 1));

  if (!kts_project_add_document (l->project, doc, -1, &error))
    {
      report_gerror (l, node, error);
      entry_broken (l, entry);
      return;
    }
  entry_set (entry, doc);
}

/* A leaf child such as <memo> of an item; the one allowed child kind. */
static gboolean
load_single_text_child (Loader *l, xmlNode *node, const char *name, const char **out)
{
  const ChildSpec spec[] = { { name, 0 } };
  gboolean        ok = TRUE;
  Children        c;
  xmlNode        *child;
  guint           i;

  *out = NULL;
  children_init (&c, node, spec, 1);
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      read_attributes (l, child, NULL, 0, 0, NULL);
      ok &= (*out = element_text (l, child)) != NULL;
    }
  *out = optional_text (*out);
  return ok && !loader_stopped (l);
}

static void
load_coding (Loader *l, xmlNode *node)
{
  enum
  {
    GUID,
    DOCUMENT,
    CODE,
    START,
    END,
    CODER,
    ACTOR,
    THIRD_ROLE,
    CREATED
  };
  static const char *const names[]
      = { "guid", "document", "code", "start", "end", "coder", "actor", "third-role", "created" };
  const char *v[G_N_ELEMENTS (names)];
  g_autoptr (KtsCoding) coding = NULL;
  g_autoptr (GError) error = NULL;
  KtsDocument *doc;
  KtsCode     *code;
  KtsCoder    *coder = NULL;
  const char  *memo = NULL;
  guint        start_at = 0, end_at = 0;
  gint64       created = 0;
  int          actor = KTS_ACTOR_UNSET;
  gboolean     ok = TRUE;
  Entry       *entry;

  if (!READ_ATTRIBUTES (l, node, names, 0x1f, v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;

  /* Every check runs, so one pass of validation lists them all. */
  doc = resolve (l, node, "document", v[DOCUMENT], REF_DOCUMENT);
  ok &= doc != NULL;
  ok &= (code = resolve (l, node, "code", v[CODE], REF_CODE)) != NULL;
  if (v[CODER] != NULL)
    ok &= (coder = resolve (l, node, "coder", v[CODER], REF_CODER)) != NULL;
  ok &= get_enum (l, node, "actor", v[ACTOR], KTS_TYPE_ACTOR, KTS_ACTOR_UNSET, &actor);
  if (v[CREATED] != NULL && !parse_utc_time (v[CREATED], &created))
    {
      report (l, node, _ ("“%s” is not a valid time (YYYY-MM-DDTHH:MM:SSZ expected)"), v[CREATED]);
      ok = FALSE;
    }
  if (get_uint (l, node, "start", v[START], &start_at)
      && get_uint (l, node, "end", v[END], &end_at))
    {
      if (start_at >= end_at)
        {
          report (l, node, _ ("the coding is empty or ends before it starts (%u–%u)"), start_at,
                  end_at);
          ok = FALSE;
        }
      else if (doc != NULL && end_at > kts_document_get_n_characters (doc))
        {
          report (l, node,
                  _ ("the coding ends at %u, past the end of its document’s text (%u characters)"),
                  end_at, kts_document_get_n_characters (doc));
          ok = FALSE;
        }
    }
  else
    ok = FALSE;

  ok &= load_single_text_child (l, node, "memo", &memo);
  if (!ok || loader_stopped (l))
    goto broken;

  coding = g_object_new (KTS_TYPE_CODING, "guid", v[GUID], "document", doc, "start", start_at,
                         "end", end_at, "code", code, "coder", coder, "actor", actor, "third-role",
                         optional_attr (v[THIRD_ROLE]), "memo", memo, "created", created, NULL);
  if (!kts_project_add_coding (l->project, coding, &error))
    {
      report_gerror (l, node, error);
      goto broken;
    }
  entry_set (entry, coding);
  return;

broken:
  entry_broken (l, entry);
}

static void
load_case (Loader *l, xmlNode *node)
{
  enum
  {
    GUID,
    LABEL,
    THERAPIST_PSEUDONYM,
    THERAPIST_AGE,
    THERAPIST_GENDER,
    CLIENT_PSEUDONYM,
    CLIENT_AGE,
    CLIENT_GENDER,
    ORIENTATION,
    SETTING,
    TREATMENT_LENGTH
  };
  static const char *const names[] = { "guid",
                                       "label",
                                       "therapist-pseudonym",
                                       "therapist-age",
                                       "therapist-gender",
                                       "client-pseudonym",
                                       "client-age",
                                       "client-gender",
                                       "orientation",
                                       "setting",
                                       "treatment-length" };
  const char              *v[G_N_ELEMENTS (names)];
  g_autoptr (KtsCase) kase = NULL;
  g_autoptr (GError) error = NULL;
  const char *notes = NULL;
  gint64      therapist_age = 0, client_age = 0;
  Entry      *entry;

  if (!READ_ATTRIBUTES (l, node, names, 1u << GUID | 1u << LABEL, v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;

  if ((v[THERAPIST_AGE] != NULL
       && !get_int (l, node, "therapist-age", v[THERAPIST_AGE], 0, G_MAXINT, &therapist_age))
      || (v[CLIENT_AGE] != NULL
          && !get_int (l, node, "client-age", v[CLIENT_AGE], 0, G_MAXINT, &client_age))
      || !load_single_text_child (l, node, "notes", &notes))
    {
      entry_broken (l, entry);
      return;
    }

  kase = g_object_new (KTS_TYPE_CASE, "guid", v[GUID], "label", v[LABEL], "therapist-pseudonym",
                       optional_attr (v[THERAPIST_PSEUDONYM]), "therapist-age", (int)therapist_age,
                       "therapist-gender", optional_attr (v[THERAPIST_GENDER]), "client-pseudonym",
                       optional_attr (v[CLIENT_PSEUDONYM]), "client-age", (int)client_age,
                       "client-gender", optional_attr (v[CLIENT_GENDER]), "orientation",
                       optional_attr (v[ORIENTATION]), "setting", optional_attr (v[SETTING]),
                       "treatment-length", optional_attr (v[TREATMENT_LENGTH]), "notes", notes,
                       NULL);
  if (!kts_project_add_case (l->project, kase, &error))
    {
      report_gerror (l, node, error);
      entry_broken (l, entry);
      return;
    }
  entry_set (entry, kase);
}

static void
load_move (Loader *l, xmlNode *node, KtsEpisode *episode, GHashTable *moves)
{
  enum
  {
    GUID,
    IDENT,
    LABEL,
    ACTOR,
    THIRD_ROLE,
    DIMENSION,
    PHASE,
    ROLE,
    SESSION_REF,
    TIME_CERTAINTY,
    LOCATION,
    CHANNEL,
    INTERPRETATION,
    EXPLICITNESS,
    AWARENESS,
    X,
    Y,
    ATTRIBUTION_DOUBT,
    N_ATTRS
  };
  /* clang-format off */
  static const char *const names[] = {
    "guid",      "ident",   "label",          "actor",        "third-role",
    "dimension", "phase",   "role",           "session-ref",  "time-certainty",
    "location",  "channel", "interpretation", "explicitness", "awareness",
    "x",         "y",       "attribution-doubt",
  };
  /* clang-format on */
  static const ChildSpec spec[] = { { "anchor", REPEATED }, { "quote", 0 }, { "memo", 0 } };
  const char            *v[N_ATTRS];
  g_autoptr (GPtrArray) anchors = g_ptr_array_new ();
  g_autoptr (KtsMove) move = NULL;
  g_autoptr (GError) error = NULL;
  const char *quote = NULL, *memo = NULL;
  int         actor = KTS_ACTOR_UNSET, dimension = KTS_DIMENSION_NONE, phase = KTS_PHASE_UNSET;
  int         role = KTS_MOVE_ROLE_NONE, time_certainty = KTS_TIME_CERTAINTY_UNSET;
  int         location = KTS_LOCATION_UNSET, channel = KTS_CHANNEL_UNSET;
  int         interpretation = KTS_INTERPRETATION_PARTICIPANT;
  int         explicitness = KTS_EXPLICITNESS_UNSET, awareness = KTS_AWARENESS_UNSET;
  double      x = 0, y = 0;
  gboolean    ok = TRUE;
  Entry      *entry;
  Children    c;
  xmlNode    *child;
  guint       i;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == N_ATTRS);

  if (!READ_ATTRIBUTES (l, node, names, 1u << GUID | 1u << LABEL, v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;

  ok &= get_enum (l, node, "actor", v[ACTOR], KTS_TYPE_ACTOR, KTS_ACTOR_UNSET, &actor);
  ok &= get_enum (l, node, "dimension", v[DIMENSION], KTS_TYPE_DIMENSION, KTS_DIMENSION_NONE,
                  &dimension);
  ok &= get_enum (l, node, "phase", v[PHASE], KTS_TYPE_PHASE, KTS_PHASE_UNSET, &phase);
  ok &= get_enum (l, node, "role", v[ROLE], KTS_TYPE_MOVE_ROLE, KTS_MOVE_ROLE_NONE, &role);
  ok &= get_enum (l, node, "time-certainty", v[TIME_CERTAINTY], KTS_TYPE_TIME_CERTAINTY,
                  KTS_TIME_CERTAINTY_UNSET, &time_certainty);
  ok &= get_enum (l, node, "location", v[LOCATION], KTS_TYPE_LOCATION, KTS_LOCATION_UNSET,
                  &location);
  ok &= get_enum (l, node, "channel", v[CHANNEL], KTS_TYPE_CHANNEL, KTS_CHANNEL_UNSET, &channel);
  ok &= get_enum (l, node, "interpretation", v[INTERPRETATION], KTS_TYPE_INTERPRETATION,
                  KTS_INTERPRETATION_PARTICIPANT, &interpretation);
  ok &= get_enum (l, node, "explicitness", v[EXPLICITNESS], KTS_TYPE_EXPLICITNESS,
                  KTS_EXPLICITNESS_UNSET, &explicitness);
  ok &= get_enum (l, node, "awareness", v[AWARENESS], KTS_TYPE_AWARENESS, KTS_AWARENESS_UNSET,
                  &awareness);
  if ((v[X] == NULL) != (v[Y] == NULL))
    {
      report (l, node, _ ("a move needs both “x” and “y”, or neither"));
      ok = FALSE;
    }
  else if (v[X] != NULL)
    {
      for (int k = X; k <= Y; k++)
        if (!parse_double (v[k], k == X ? &x : &y))
          {
            report (l, node, _ ("“%s” is not a valid “%s” (a number expected)"), v[k], names[k]);
            ok = FALSE;
          }
    }

  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      const char *coding_guid = NULL;

      switch (i)
        {
        case 0:
          if (read_attributes (l, child, (const char *const[]){ "coding" }, 1, 1, &coding_guid))
            {
              KtsCoding *coding = resolve (l, child, "coding", coding_guid, REF_CODING);

              if (coding != NULL)
                g_ptr_array_add (anchors, coding);
              else
                ok = FALSE;
            }
          else
            ok = FALSE;
          break;

        case 1:
          read_attributes (l, child, NULL, 0, 0, NULL);
          ok &= (quote = element_text (l, child)) != NULL;
          break;

        case 2:
          read_attributes (l, child, NULL, 0, 0, NULL);
          ok &= (memo = element_text (l, child)) != NULL;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (!ok || loader_stopped (l))
    {
      entry_broken (l, entry);
      return;
    }

  move = g_object_new (
      KTS_TYPE_MOVE, "guid", v[GUID], "ident", optional_attr (v[IDENT]), "label", v[LABEL], "actor",
      actor, "third-role", optional_attr (v[THIRD_ROLE]), "dimension", dimension, "phase", phase,
      "role", role, "session-ref", optional_attr (v[SESSION_REF]), "time-certainty", time_certainty,
      "location", location, "channel", channel, "interpretation", interpretation, "explicitness",
      explicitness, "awareness", awareness, "quote", optional_text (quote), "memo",
      optional_text (memo), "attribution-doubt", optional_attr (v[ATTRIBUTION_DOUBT]), NULL);
  if (v[X] != NULL)
    g_object_set (move, "x", x, "y", y, "has-position", TRUE, NULL);
  if (anchors->len > 0)
    _kts_move_set_anchors (move, (KtsCoding **)anchors->pdata, anchors->len);

  if (!kts_project_add_move (l->project, episode, move, -1, &error))
    {
      report_gerror (l, node, error);
      entry_broken (l, entry);
      return;
    }
  entry_set (entry, move);
  g_hash_table_insert (moves, (gpointer)kts_item_get_guid (KTS_ITEM (move)), move);
}

static KtsMove *
resolve_move (Loader *l, xmlNode *node, const char *name, const char *value, GHashTable *moves)
{
  char     guid[37];
  Entry   *entry;
  KtsMove *move;

  if (!get_guid (l, node, name, value, guid))
    return NULL;
  if ((move = g_hash_table_lookup (moves, guid)) != NULL)
    return move;

  entry = g_hash_table_lookup (l->guids, guid);
  if (entry != NULL && entry->broken)
    return NULL;
  report (l, node, _ ("there is no move with the identifier “%s” in this episode"), value);
  return NULL;
}

static void
load_edge (Loader *l, xmlNode *node, KtsEpisode *episode, GHashTable *moves)
{
  enum
  {
    GUID,
    TYPE,
    SOURCE,
    TARGET,
    COUNT,
    LABEL
  };
  static const char *const names[] = { "guid", "type", "source", "target", "count", "label" };
  const char              *v[G_N_ELEMENTS (names)];
  g_autoptr (KtsEdge) edge = NULL;
  g_autoptr (GError) error = NULL;
  KtsMove *source, *target;
  gint64   count = 0;
  int      type = KTS_EDGE_NEXT;
  Entry   *entry;

  if (!READ_ATTRIBUTES (l, node, names, 0xf, v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;

  source = resolve_move (l, node, "source", v[SOURCE], moves);
  target = resolve_move (l, node, "target", v[TARGET], moves);
  if (!get_enum (l, node, "type", v[TYPE], KTS_TYPE_EDGE_TYPE, -1, &type) || source == NULL
      || target == NULL
      || (v[COUNT] != NULL && !get_int (l, node, "count", v[COUNT], 1, G_MAXINT, &count)))
    {
      entry_broken (l, entry);
      return;
    }
  if (source == target)
    {
      report (l, node, _ ("an edge cannot join a move to itself"));
      entry_broken (l, entry);
      return;
    }
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      report (l, c, _ ("unexpected element “%s” in “%s”"), node_name (c), node_name (node));

  edge
      = g_object_new (KTS_TYPE_EDGE, "guid", v[GUID], "edge-type", type, "source", source, "target",
                      target, "count", (int)count, "label", optional_attr (v[LABEL]), NULL);
  if (!kts_project_add_edge (l->project, episode, edge, &error))
    {
      report_gerror (l, node, error);
      entry_broken (l, entry);
      return;
    }
  entry_set (entry, edge);
}

static void
load_episode (Loader *l, xmlNode *node)
{
  enum
  {
    GUID,
    NAME,
    CASE,
    DOCUMENT,
    START,
    END,
    RUPTURE_TYPES,
    INITIATOR,
    TEMPORAL_PATTERN,
    COURSE,
    INTENSITY,
    ALLIANCE_COMPONENT,
    REPAIR_MODE,
    DETECTED_BY,
    RESOLUTION,
    THEMES,
    STATUS,
    N_ATTRS
  };
  static const char *const names[] = {
    "guid",          "name",        "case",
    "document",      "start",       "end",
    "rupture-types", "initiator",   "temporal-pattern",
    "course",        "intensity",   "alliance-component",
    "repair-mode",   "detected-by", "resolution",
    "themes",        "status",
  };
  static const ChildSpec spec[] = {
    { "pattern-formula", 0 },
    { "move", REPEATED },
    { "edge", REPEATED },
  };
  const char *v[N_ATTRS];
  g_autoptr (KtsEpisode) episode = NULL;
  g_autoptr (GHashTable) moves = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  KtsCase     *kase = NULL;
  KtsDocument *doc = NULL;
  const char  *formula = NULL;
  guint        start_at = 0, end_at = 0;
  int          initiator = KTS_INITIATOR_UNSET, resolution = KTS_RESOLUTION_UNKNOWN;
  int          status = KTS_EPISODE_STATUS_DRAFT;
  gboolean     ok = TRUE;
  gboolean     added = FALSE;
  Entry       *entry;
  Children     c;
  xmlNode     *child;
  guint        i;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == N_ATTRS);

  if (!READ_ATTRIBUTES (l, node, names, 1u << GUID | 1u << NAME, v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;

  if (v[CASE] != NULL)
    ok &= (kase = resolve (l, node, "case", v[CASE], REF_CASE)) != NULL;
  if (v[DOCUMENT] != NULL)
    ok &= (doc = resolve (l, node, "document", v[DOCUMENT], REF_DOCUMENT)) != NULL;
  if (v[START] != NULL)
    ok &= get_uint (l, node, "start", v[START], &start_at);
  if (v[END] != NULL)
    ok &= get_uint (l, node, "end", v[END], &end_at);
  ok &= get_enum (l, node, "initiator", v[INITIATOR], KTS_TYPE_INITIATOR, KTS_INITIATOR_UNSET,
                  &initiator);
  ok &= get_enum (l, node, "resolution", v[RESOLUTION], KTS_TYPE_RESOLUTION, KTS_RESOLUTION_UNKNOWN,
                  &resolution);
  if (v[STATUS] != NULL)
    ok &= get_enum (l, node, "status", v[STATUS], KTS_TYPE_EPISODE_STATUS, -1, &status);
  if (ok && start_at > end_at)
    {
      report (l, node, _ ("the episode starts at %u, after its end at %u"), start_at, end_at);
      ok = FALSE;
    }
  if (ok && doc != NULL && end_at > kts_document_get_n_characters (doc))
    {
      report (l, node,
              _ ("the episode ends at %u, past the end of its document’s text (%u characters)"),
              end_at, kts_document_get_n_characters (doc));
      ok = FALSE;
    }

  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  for (;;)
    {
      child = children_next (l, &c, &i);

      if (child != NULL && i == 0)
        {
          read_attributes (l, child, NULL, 0, 0, NULL);
          ok &= (formula = element_text (l, child)) != NULL;
          continue;
        }

      /* Everything the episode itself needs has been read. */
      if (!added)
        {
          if (!ok || loader_stopped (l))
            {
              entry_broken (l, entry);
              return;
            }
          episode = g_object_new (
              KTS_TYPE_EPISODE, "guid", v[GUID], "name", v[NAME], "case", kase, "document", doc,
              "start", start_at, "end", end_at, "rupture-types", optional_attr (v[RUPTURE_TYPES]),
              "initiator", initiator, "temporal-pattern", optional_attr (v[TEMPORAL_PATTERN]),
              "course", optional_attr (v[COURSE]), "intensity", optional_attr (v[INTENSITY]),
              "alliance-component", optional_attr (v[ALLIANCE_COMPONENT]), "repair-mode",
              optional_attr (v[REPAIR_MODE]), "detected-by", optional_attr (v[DETECTED_BY]),
              "resolution", resolution, "themes", optional_attr (v[THEMES]), "pattern-formula",
              optional_text (formula), "status", status, NULL);
          if (!kts_project_add_episode (l->project, episode, &error))
            {
              report_gerror (l, node, error);
              entry_broken (l, entry);
              return;
            }
          entry_set (entry, episode);
          added = TRUE;
        }

      if (child == NULL)
        break;
      if (i == 1)
        load_move (l, child, episode, moves);
      else
        load_edge (l, child, episode, moves);
    }
}

static void
load_practice_set (Loader *l, xmlNode *node)
{
  enum
  {
    GUID,
    TITLE,
    DOCUMENT,
    REFERENCE,
    STUDENT,
    LAYERS,
    STATE,
    SUBMITTED,
    PASS_THRESHOLD,
    N_ATTRS
  };
  static const char *const names[] = { "guid",   "title", "document",  "reference",     "student",
                                       "layers", "state", "submitted", "pass-threshold" };
  const char              *v[N_ATTRS];
  g_autoptr (KtsPracticeSet) set = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) layers = NULL;
  KtsDocument *doc;
  KtsCoder    *reference = NULL, *student = NULL;
  const char  *instructions = NULL;
  gint64       submitted = 0;
  double       pass_threshold = -1.0;
  int          state = KTS_PRACTICE_STATE_OPEN;
  gboolean     ok = TRUE;
  Entry       *entry;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == N_ATTRS);

  if (!READ_ATTRIBUTES (l, node, names,
                        1u << GUID | 1u << TITLE | 1u << DOCUMENT | 1u << REFERENCE | 1u << STUDENT
                            | 1u << STATE,
                        v))
    {
      claim_broken_guid (l, node, v[GUID]);
      return;
    }
  if ((entry = claim_guid (l, node, v[GUID])) == NULL)
    return;

  ok &= (doc = resolve (l, node, "document", v[DOCUMENT], REF_DOCUMENT)) != NULL;
  ok &= (reference = resolve (l, node, "reference", v[REFERENCE], REF_CODER)) != NULL;
  ok &= (student = resolve (l, node, "student", v[STUDENT], REF_CODER)) != NULL;
  if (reference != NULL && reference == student)
    {
      report (l, node, "%s",
              _ ("the reference and the student of a practice set must be different coders"));
      ok = FALSE;
    }
  if (get_enum (l, node, "state", v[STATE], KTS_TYPE_PRACTICE_STATE, -1, &state))
    {
      if (state == KTS_PRACTICE_STATE_SUBMITTED && v[SUBMITTED] == NULL)
        {
          report (l, node, "%s",
                  _ ("a submitted practice set needs the time it was submitted "
                     "(“submitted”)"));
          ok = FALSE;
        }
      else if (state == KTS_PRACTICE_STATE_OPEN && v[SUBMITTED] != NULL)
        {
          report (l, node, "%s", _ ("an open practice set cannot have a “submitted” time"));
          ok = FALSE;
        }
      else if (v[SUBMITTED] != NULL && !parse_utc_time (v[SUBMITTED], &submitted))
        {
          report (l, node, _ ("“%s” is not a valid time (YYYY-MM-DDTHH:MM:SSZ expected)"),
                  v[SUBMITTED]);
          ok = FALSE;
        }
    }
  else
    ok = FALSE;
  if (optional_attr (v[LAYERS]) != NULL && !kts_text_is_blank (v[LAYERS], -1))
    {
      layers = kts_practice_parse_layers (v[LAYERS], &error);
      if (layers == NULL)
        {
          report (l, node, _ ("“%s” is not a valid list of layers: %s"), v[LAYERS], error->message);
          g_clear_error (&error);
          ok = FALSE;
        }
    }

  if (v[PASS_THRESHOLD] != NULL
      && (!parse_double (v[PASS_THRESHOLD], &pass_threshold) || pass_threshold < 0
          || pass_threshold > 1))
    {
      report (l, node, _ ("“%s” is not a valid pass threshold (a number from 0 to 1 expected)"),
              v[PASS_THRESHOLD]);
      ok = FALSE;
    }

  ok &= load_single_text_child (l, node, "instructions", &instructions);
  if (!ok || loader_stopped (l))
    {
      entry_broken (l, entry);
      return;
    }

  set = g_object_new (KTS_TYPE_PRACTICE_SET, "guid", v[GUID], "title", v[TITLE], "document", doc,
                      "reference-coder", reference, "student-coder", student, "layers", layers,
                      "instructions", instructions, "state", state, "submitted", submitted,
                      "pass-threshold", pass_threshold, NULL);
  if (!kts_project_add_practice_set (l->project, set, &error))
    {
      report_gerror (l, node, error);
      entry_broken (l, entry);
      return;
    }
  entry_set (entry, set);
}

/* Checks the root element: ours, and a format version we can read. These
 * problems end loading and validation alike. */
static gboolean
check_root (xmlDoc *doc, const char *filename, xmlNode **root_out, GError **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlChar *format;
  gint64   version = 0;
  gboolean ok;

  if (root == NULL)
    {
      set_problem_error (error, KTS_ERROR_PARSE, filename, 1, "%s",
                         _ ("this is not a Kintsugi project (the file has no root element)"));
      return FALSE;
    }
  if (strcmp ((const char *)root->name, "kintsugi") != 0)
    {
      set_problem_error (error, KTS_ERROR_PARSE, filename, node_line (root),
                         _ ("this is not a Kintsugi project (the root element is “%s”)"),
                         (const char *)root->name);
      return FALSE;
    }
  if (root->ns == NULL || root->ns->href == NULL)
    {
      set_problem_error (error, KTS_ERROR_PARSE, filename, node_line (root),
                         _ ("this is not a Kintsugi project (the root element has no namespace; "
                            "“%s” expected)"),
                         KTS_PROJECT_NAMESPACE);
      return FALSE;
    }
  if (strcmp ((const char *)root->ns->href, KTS_PROJECT_NAMESPACE) != 0)
    {
      set_problem_error (
          error, KTS_ERROR_PARSE, filename, node_line (root),
          _ ("this is not a Kintsugi project (the namespace is “%s”; “%s” expected)"),
          (const char *)root->ns->href, KTS_PROJECT_NAMESPACE);
      return FALSE;
    }

  format = xmlGetNoNsProp (root, BAD_CAST "format");
  if (format == NULL)
    {
      set_problem_error (error, KTS_ERROR_INVALID_FILE, filename, node_line (root), "%s",
                         _ ("the format version (“format”) is missing"));
      return FALSE;
    }
  ok = parse_int_range ((const char *)format, 1, G_MAXINT, &version);
  if (!ok)
    set_problem_error (error, KTS_ERROR_INVALID_FILE, filename, node_line (root),
                       _ ("“%s” is not a valid format version"), (const char *)format);
  xmlFree (format);
  if (!ok)
    return FALSE;

  if (version > KTS_PROJECT_FORMAT_VERSION)
    {
      set_problem_error (error, KTS_ERROR_NEWER_VERSION, filename, node_line (root),
                         _ ("the file was written by a newer version of Kintsugi (format %d; this "
                            "version reads format %d)"),
                         (int)version, KTS_PROJECT_FORMAT_VERSION);
      return FALSE;
    }

  *root_out = root;
  return TRUE;
}

/* Builds a project from a checked root element; in collect mode
 * (@problems not NULL) it goes on past problems and returns what it could
 * read. */
/* A section of the file: a container element holding only @item elements,
 * each read by @load_item. */
static void
load_section (Loader *l, xmlNode *node, const char *item, void (*load_item) (Loader *, xmlNode *))
{
  const ChildSpec spec[] = { { item, REPEATED } };
  Children        c;
  xmlNode        *child;
  guint           i;

  read_attributes (l, node, NULL, 0, 0, NULL);
  children_init (&c, node, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (l, &c, &i)) != NULL)
    {
      load_item (l, child);
      scratch_reset (l);
    }
}

static KtsProject *
build_project (xmlNode *root, const char *filename, GArray *problems, GError **error)
{
  static const char *const root_names[] = { "format", "generator" };
  static const ChildSpec   spec[] = {
      { "project", REQUIRED },   { "coders", REQUIRED },        { "codebook", REQUIRED },
      { "documents", REQUIRED }, { "codings", REQUIRED },       { "cases", REQUIRED },
      { "episodes", REQUIRED },  { "practice-sets", OPTIONAL },
  };
  g_autoptr (KtsProject) project = kts_project_new ();
  g_autoptr (GHashTable) guids
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) grouping_codes = g_ptr_array_new_with_free_func (g_object_unref);
  const char *root_values[G_N_ELEMENTS (root_names)];
  Loader      l = { 0 };
  Children    c;
  xmlNode    *child;
  guint       i;

  l.filename = filename;
  l.ns = root->ns;
  l.project = project;
  l.guids = guids;
  l.keys = keys;
  l.problems = problems;
  l.scratch = scratch;
  l.grouping_codes = grouping_codes;

  kts_project_begin_group (project, _ ("Open project"));

  READ_ATTRIBUTES (&l, root, root_names, 1u << 0, root_values);
  children_init (&c, root, spec, G_N_ELEMENTS (spec));
  while ((child = children_next (&l, &c, &i)) != NULL)
    {
      switch (i)
        {
        case 0:
          load_project_element (&l, child);
          break;
        case 1:
          load_section (&l, child, "coder", load_coder);
          break;
        case 2:
          load_codebook (&l, child);
          break;
        case 3:
          load_section (&l, child, "document", load_document);
          break;
        case 4:
          load_section (&l, child, "coding", load_coding);
          break;
        case 5:
          load_section (&l, child, "case", load_case);
          break;
        case 6:
          load_section (&l, child, "episode", load_episode);
          break;
        case 7:
          load_section (&l, child, "practice-set", load_practice_set);
          break;
        default:
          g_assert_not_reached ();
        }
      scratch_reset (&l);
    }

  for (i = 0; i < l.grouping_codes->len; i++)
    g_object_set (g_ptr_array_index (l.grouping_codes, i), "codable", FALSE, NULL);

  kts_project_end_group (project);
  /* Also on failure: the undo history must not outlive the project (a
   * command on the project itself holds a reference to it). */
  kts_project_clear_undo (project);

  /* Every item that was left out must have said why. */
  if (l.n_broken > 0 && l.n_reports == 0)
    report (&l, root, "%s", _ ("the file could not be read completely"));

  if (l.error != NULL)
    {
      g_propagate_error (error, l.error);
      return NULL;
    }

  kts_project_mark_clean (project);
  return g_steal_pointer (&project);
}

xmlDoc *
_kts_xml_parse (GBytes *bytes, const char *filename, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return parse_bytes (bytes, filename, error);
}

KtsProject *
kts_project_deserialize (GBytes *bytes, const char *filename, GError **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  xmlNode *root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = parse_bytes (bytes, filename, error);
  if (doc == NULL || !check_root (doc, filename, &root, error))
    return NULL;

  return build_project (root, filename, NULL, error);
}

/* ======================================================================
 * Validation
 * ====================================================================== */

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize         once = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr (GBytes) data = NULL;
      g_autoptr (GError) error = NULL;

      ensure_libxml_initialized ();
      data = g_resource_lookup_data (kts_io_get_resource (),
                                     "/io/github/kintsugi_qda/Kintsugi/core/kintsugi-project.rng",
                                     G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (data == NULL)
        g_critical ("The project schema is missing: %s", error->message);
      else
        {
          g_autoptr (xmlRelaxNGParserCtxt) pctxt = NULL;
          gsize       size;
          const char *bytes = g_bytes_get_data (data, &size);

          pctxt = xmlRelaxNGNewMemParserCtxt (bytes, (int)size);
          xmlRelaxNGSetParserStructuredErrors (pctxt, NULL, NULL);
          schema = xmlRelaxNGParse (pctxt);
          if (schema == NULL)
            g_critical ("The project schema does not compile");
        }
      g_once_init_leave (&once, 1);
    }

  return schema;
}

typedef struct
{
  const char *filename;
  GArray     *problems;
} SchemaState;

static void
schema_error_cb (void *user_data, xmlErrorPtr err)
{
  SchemaState     *state = user_data;
  g_autofree char *what = NULL;
  Problem          p;

  if (err == NULL || err->level < XML_ERR_ERROR)
    return;

  what = g_utf8_make_valid (err->message != NULL ? err->message : "", -1);
  g_strstrip (what);
  p.line = err->node != NULL ? node_line (err->node) : err->line;
  /* Translators: %s is the schema validator's own (English) message */
  {
    g_autofree char *full = g_strdup_printf (_ ("does not match the schema: %s"), what);

    p.message = format_problem (state->filename, p.line, full);
  }
  g_array_append_val (state->problems, p);
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const Problem *pa = a;
  const Problem *pb = b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

gboolean
kts_project_validate_bytes (GBytes *bytes, const char *filename, GPtrArray **problems)
{
  static GMutex schema_lock;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) schema_problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_autoptr (GArray) walk_problems = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (Problem));
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KtsProject) project = NULL;
  xmlRelaxNGPtr schema;
  xmlNode      *root = NULL;
  gboolean      valid;

  g_return_val_if_fail (bytes != NULL, FALSE);

  g_array_set_clear_func (schema_problems, problem_clear);
  g_array_set_clear_func (walk_problems, problem_clear);

  doc = parse_bytes (bytes, filename, &error);
  if (doc == NULL || !check_root (doc, filename, &root, &error))
    {
      g_ptr_array_add (out, g_strdup (error->message));
      goto done;
    }

  schema = get_schema ();
  if (schema != NULL)
    {
      g_autoptr (xmlRelaxNGValidCtxt) vctxt = NULL;
      SchemaState state = { filename, schema_problems };

      /* libxml2 does not promise that a compiled schema may be used by
       * two threads at once. */
      g_mutex_lock (&schema_lock);
      vctxt = xmlRelaxNGNewValidCtxt (schema);
      xmlRelaxNGSetValidStructuredErrors (vctxt, schema_error_cb, &state);
      xmlRelaxNGValidateDoc (vctxt, doc);
      g_clear_pointer (&vctxt, xmlRelaxNGFreeValidCtxt);
      g_mutex_unlock (&schema_lock);
    }

  project = build_project (root, filename, walk_problems, NULL);

  /* The walk sees most of what the schema sees, and says it more plainly:
   * the schema's messages count only for lines the walk found nothing on
   * (parts it skipped, or a rule it does not check). */
  {
    g_autoptr (GHashTable) walk_lines = g_hash_table_new (g_direct_hash, g_direct_equal);

    for (guint i = 0; i < walk_problems->len; i++)
      {
        Problem *p = &g_array_index (walk_problems, Problem, i);
        Problem  copy = { p->line, g_steal_pointer (&p->message) };

        g_hash_table_add (walk_lines, GSIZE_TO_POINTER ((gsize)p->line));
        g_array_append_val (all, copy);
      }
    for (guint i = 0; i < schema_problems->len; i++)
      {
        Problem *p = &g_array_index (schema_problems, Problem, i);
        Problem  copy = { p->line, g_steal_pointer (&p->message) };

        /* libxml2 repeats some problems without a node, so without a line. */
        if (g_hash_table_contains (walk_lines, GSIZE_TO_POINTER ((gsize)p->line))
            || (p->line <= 0 && all->len + schema_problems->len > 1))
          {
            g_free (copy.message);
            continue;
          }
        g_array_append_val (all, copy);
      }
  }

  /* Stable: problems on one line keep their order. */
  g_array_sort (all, compare_problems);
  for (guint i = 0; i < all->len; i++)
    {
      Problem *p = &g_array_index (all, Problem, i);

      if (out->len > 0 && strcmp (g_ptr_array_index (out, out->len - 1), p->message) == 0)
        g_free (p->message);
      else
        g_ptr_array_add (out, p->message);
    }

done:
  valid = out->len == 0;
  if (problems != NULL)
    *problems = g_steal_pointer (&out);
  return valid;
}

/* ======================================================================
 * Files
 * ====================================================================== */

static char *
display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);
}

static GBytes *
read_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (path != NULL)
    return kts_file_read_all (path, KTS_PROJECT_MAX_FILE_SIZE, error);

  /* Not a local file (a GVfs mount): ask GIO, checking the size first. */
  name = display_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && (guint64)g_file_info_get_size (info) > KTS_PROJECT_MAX_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size (KTS_PROJECT_MAX_FILE_SIZE);

      g_set_error (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                   _ ("Could not read “%s”: the file is larger than %s"), name, limit);
      return NULL;
    }
  g_clear_error (&local_error);
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, KTS_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                       ? KTS_ERROR_NOT_FOUND
                       : KTS_ERROR_IO,
                   _ ("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static KtsProject *
load_file (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autofree char *name = display_name (file);
  g_autoptr (GBytes) bytes = NULL;
  KtsProject *project;

  bytes = read_file (file, cancellable, error);
  if (bytes == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  project = kts_project_deserialize (bytes, name, error);
  if (project != NULL)
    {
      kts_project_set_file (project, file);
      kts_project_mark_clean (project);
    }
  return project;
}

KtsProject *
kts_project_load (GFile *file, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_file (file, cancellable, error);
}

static gboolean
write_file (GFile *file, GBytes *bytes, GCancellable *cancellable, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GError) local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (path != NULL)
    return kts_file_write_atomic (path, bytes, BACKUP_SUFFIX, error);

  /* Not a local file: GIO writes a temporary file and renames it too. */
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, TRUE, G_FILE_CREATE_NONE, NULL, cancellable, &local_error))
    {
      g_autofree char *name = display_name (file);

      g_set_error (error, KTS_ERROR, KTS_ERROR_IO, _ ("Could not save “%s”: %s"), name,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
saved (KtsProject *project, GFile *file, guint64 serial)
{
  GFile *current = kts_project_get_file (project);

  if (current == NULL || !g_file_equal (current, file))
    kts_project_set_file (project, file);
  /* Edits made while an asynchronous save was writing are not on disk. */
  if (kts_project_get_change_serial (project) == serial)
    kts_project_mark_clean (project);
}

gboolean
kts_project_save (KtsProject *project, GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  guint64 serial;

  g_return_val_if_fail (KTS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  serial = kts_project_get_change_serial (project);
  bytes = kts_project_serialize (project);
  if (!write_file (file, bytes, cancellable, error))
    return FALSE;

  saved (project, file, serial);
  return TRUE;
}

static void
load_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GFile      *file = task_data;
  GError     *error = NULL;
  KtsProject *project;

  /* The project is built here and handed over whole: nobody else sees it
   * before the task returns it. */
  project = load_file (file, cancellable, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

void
kts_project_load_async (GFile              *file,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kts_project_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

KtsProject *
kts_project_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kts_project_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GFile  *file;
  GBytes *bytes;
  guint64 serial;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *sd = data;

  g_clear_object (&sd->file);
  g_clear_pointer (&sd->bytes, g_bytes_unref);
  g_free (sd);
}

static void
save_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  SaveData *sd = task_data;
  GError   *error = NULL;

  if (write_file (sd->file, sd->bytes, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back on the caller's thread: record the save before the caller hears of
 * it, so the project is clean even if nobody calls _finish(). */
static void
save_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  KtsProject *project = g_task_get_source_object (outer);
  SaveData   *sd = g_task_get_task_data (G_TASK (result));
  GError     *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  saved (project, sd->file, sd->serial);
  g_task_return_boolean (outer, TRUE);
}

void
kts_project_save_async (KtsProject         *project,
                        GFile              *file,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GTask) inner = NULL;
  SaveData *sd;

  g_return_if_fail (KTS_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (outer, kts_project_save_async);

  /* The model is not thread-safe: serialise here, write in a thread. */
  sd = g_new0 (SaveData, 1);
  sd->file = g_object_ref (file);
  sd->serial = kts_project_get_change_serial (project);
  sd->bytes = kts_project_serialize (project);

  inner = g_task_new (NULL, cancellable, save_written_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, kts_project_save_async);
  g_task_set_task_data (inner, sd, save_data_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
kts_project_save_finish (KtsProject *project, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (KTS_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kts_project_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ======================================================================
 * Stand-alone codebook files and the shipped presets
 * ====================================================================== */

/* A copy of @code without its tree links, for adding to another project. */
static KtsCode *
clone_code (KtsCode *code)
{
  KtsCode     *copy = kts_code_new (kts_item_get_guid (KTS_ITEM (code)), kts_code_get_name (code));
  guint        n = 0;
  GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (code), &n);

  for (guint i = 0; i < n; i++)
    {
      GParamSpec *spec = specs[i];
      GValue      value = G_VALUE_INIT;

      if (!(spec->flags & G_PARAM_WRITABLE) || !(spec->flags & G_PARAM_READABLE)
          || (spec->flags & G_PARAM_CONSTRUCT_ONLY) || g_str_equal (spec->name, "parent")
          || g_str_equal (spec->name, "children"))
        continue;
      g_value_init (&value, spec->value_type);
      g_object_get_property (G_OBJECT (code), spec->name, &value);
      g_object_set_property (G_OBJECT (copy), spec->name, &value);
      g_value_unset (&value);
    }
  g_free (specs);
  return copy;
}

static gboolean
add_code_tree (KtsProject *project, KtsCode *code, KtsCode *parent, guint *count, GError **error)
{
  g_autoptr (KtsCode) copy = clone_code (code);
  GListModel *children = kts_code_get_children (code);

  if (!kts_project_add_code (project, copy, parent, -1, error))
    return FALSE;
  (*count)++;
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
      if (!add_code_tree (project, child, copy, count, error))
        return FALSE;
    }
  return TRUE;
}

int
kts_project_load_codebook_bytes (KtsProject *project,
                                 GBytes     *bytes,
                                 const char *filename,
                                 GError    **error)
{
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (KtsProject) scratch_project = kts_project_new ();
  g_autoptr (GHashTable) guids
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) grouping_codes = g_ptr_array_new_with_free_func (g_object_unref);
  KtsCodebook *source, *target;
  gboolean     was_empty;
  GListModel  *roots;
  xmlNode     *root;
  xmlChar     *format;
  Loader       l = { 0 };
  guint        count = 0;

  g_return_val_if_fail (KTS_IS_PROJECT (project), -1);
  g_return_val_if_fail (bytes != NULL, -1);

  doc = parse_bytes (bytes, filename, error);
  if (doc == NULL)
    return -1;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || strcmp ((const char *)root->name, "codebook") != 0 || root->ns == NULL
      || root->ns->href == NULL
      || strcmp ((const char *)root->ns->href, KTS_PROJECT_NAMESPACE) != 0)
    {
      set_problem_error (error, KTS_ERROR_PARSE, filename, root != NULL ? node_line (root) : 1,
                         _ ("this is not a Kintsugi codebook (a “codebook” element in “%s” was "
                            "expected)"),
                         KTS_PROJECT_NAMESPACE);
      return -1;
    }
  format = xmlGetNoNsProp (root, BAD_CAST "format");
  if (format != NULL)
    {
      gint64   version = 0;
      gboolean ok = parse_int_range ((const char *)format, 1, G_MAXINT, &version);

      xmlFree (format);
      if (!ok || version > KTS_PROJECT_FORMAT_VERSION)
        {
          set_problem_error (error, ok ? KTS_ERROR_NEWER_VERSION : KTS_ERROR_INVALID_FILE, filename,
                             node_line (root), "%s",
                             ok ? _ ("this codebook was written by a newer version of Kintsugi")
                                : _ ("the format version (“format”) is not valid"));
          return -1;
        }
      /* The rest of the element is a project file's codebook section. */
      xmlUnsetProp (root, BAD_CAST "format");
    }

  l.filename = filename;
  l.ns = root->ns;
  l.project = scratch_project;
  l.guids = guids;
  l.keys = keys;
  l.scratch = scratch;
  l.grouping_codes = grouping_codes;
  kts_project_begin_group (scratch_project, NULL);
  load_codebook (&l, root);
  for (guint i = 0; i < grouping_codes->len; i++)
    g_object_set (g_ptr_array_index (grouping_codes, i), "codable", FALSE, NULL);
  kts_project_end_group (scratch_project);
  kts_project_clear_undo (scratch_project);
  if (l.error != NULL)
    {
      g_propagate_error (error, l.error);
      return -1;
    }

  source = kts_project_get_codebook (scratch_project);
  target = kts_project_get_codebook (project);
  was_empty = kts_codebook_get_n_codes (target) == 0;
  roots = kts_codebook_get_roots (source);

  kts_project_begin_group (project, _ ("Add codebook"));
  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr (KtsCode) code = g_list_model_get_item (roots, i);

      if (!add_code_tree (project, code, NULL, &count, error))
        {
          kts_project_abort_group (project);
          return -1;
        }
    }
  if (was_empty)
    {
      if (kts_codebook_get_name (source) != NULL)
        kts_project_set_string (project, target, "name", kts_codebook_get_name (source));
      kts_project_set_int (project, target, "version", kts_codebook_get_version (source));
    }
  kts_project_end_group (project);
  return (int)count;
}

static const char *const preset_names[] = { "default", "blatt", "markers-repair", "empty", NULL };
static const char *const preset_files[]
    = { "rupture-repair.xml", "preset-blatt.xml", "preset-markers-repair.xml", NULL };

const char *const *
kts_codebook_preset_names (void)
{
  return preset_names;
}

int
kts_project_load_codebook_preset (KtsProject *project, const char *preset, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (KTS_IS_PROJECT (project), -1);
  g_return_val_if_fail (preset != NULL, -1);

  for (guint i = 0; preset_names[i] != NULL; i++)
    {
      if (!g_str_equal (preset, preset_names[i]))
        continue;
      if (preset_files[i] == NULL)
        return 0;
      path
          = g_strconcat ("/io/github/kintsugi_qda/Kintsugi/core/codebooks/", preset_files[i], NULL);
      bytes = g_resource_lookup_data (kts_io_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                      error);
      if (bytes == NULL)
        return -1;
      return kts_project_load_codebook_bytes (project, bytes, preset_files[i], error);
    }

  g_set_error (error, KTS_ERROR, KTS_ERROR_NOT_FOUND,
               _ ("There is no codebook preset “%s” (choose default, blatt, markers-repair or "
                  "empty)."),
               preset);
  return -1;
}
