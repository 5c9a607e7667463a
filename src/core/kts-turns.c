/* kts-turns.c: speaker roles and speaker-turn detection in transcript text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-turns"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-import.h"

/* A speaker label is at most this long and has at most this many words. */
#define MAX_LABEL_CHARS 40
#define MAX_LABEL_WORDS 4

/* An unknown label must start at least this many lines to count. */
#define MIN_UNKNOWN_LABEL_LINES 2

typedef struct
{
  const char *word;
  KtsRole     role;
} RoleWord;

static const RoleWord role_words[] = {
  { "T", KTS_ROLE_THERAPIST },
  { "Th", KTS_ROLE_THERAPIST },
  { "Therapist", KTS_ROLE_THERAPIST },
  { "Counsellor", KTS_ROLE_THERAPIST },
  { "Counselor", KTS_ROLE_THERAPIST },
  { "C", KTS_ROLE_CLIENT },
  { "Cl", KTS_ROLE_CLIENT },
  { "Client", KTS_ROLE_CLIENT },
  { "Patient", KTS_ROLE_CLIENT },
  { "Pt", KTS_ROLE_CLIENT },
  { "I", KTS_ROLE_INTERVIEWER },
  { "Int", KTS_ROLE_INTERVIEWER },
  { "Interviewer", KTS_ROLE_INTERVIEWER },
  { "P", KTS_ROLE_OTHER },
  { "Participant", KTS_ROLE_OTHER },
};

/* Abbreviations that may end in a period inside a label ("Dr. Berg:"). */
static const char *const label_abbreviations[] = {
  "Dr", "Mr",   "Mrs",   "Ms",  "Mx",   "Prof", "Jr",  "Sr", "St", "Rev", "Hr",
  "Fr", "Dipl", "Psych", "Med", "Phil", "Mag",  "Ing", "Th", "Cl", "Pt",  "Int",
};

/* Looks @label up in the role words, ignoring case, surrounding white space
 * and one trailing period ("Th."). */
static const RoleWord *
find_role_word (const char *label)
{
  g_autofree char *key = g_strstrip (g_strdup (label));
  gsize            len = strlen (key);

  if (len > 1 && key[len - 1] == '.')
    key[len - 1] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (role_words); i++)
    {
      if (g_ascii_strcasecmp (key, role_words[i].word) == 0)
        return &role_words[i];
    }
  return NULL;
}

KtsRole
kts_speaker_default_role (const char *label)
{
  const RoleWord *word;

  g_return_val_if_fail (label != NULL, KTS_ROLE_OTHER);

  word = find_role_word (label);
  return word != NULL ? word->role : KTS_ROLE_OTHER;
}

gboolean
kts_speaker_role_parse (const char *spec, KtsSpeakerRole *out, GError **error)
{
  g_autofree char *label = NULL;
  g_autofree char *role_name = NULL;
  const char      *eq;
  int              role;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  eq = strrchr (spec, '=');
  if (eq == NULL)
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a speaker role: write LABEL=ROLE, for example “T=therapist”."),
                   spec);
      return FALSE;
    }

  label = g_strstrip (g_strndup (spec, eq - spec));
  role_name = g_strstrip (g_ascii_strdown (eq + 1, -1));

  if (label[0] == '\0' || strchr (label, '\n') != NULL || !g_utf8_validate (label, -1, NULL))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a speaker role: the speaker label before “=” is missing."),
                   spec);
      return FALSE;
    }

  if (!kts_enum_from_nick (KTS_TYPE_ROLE, role_name, &role))
    {
      g_set_error (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a speaker role: the role must be therapist, client, "
                      "interviewer or other."),
                   spec);
      return FALSE;
    }

  out->label = g_steal_pointer (&label);
  out->role = role;
  return TRUE;
}

void
kts_speaker_role_clear (KtsSpeakerRole *role)
{
  g_return_if_fail (role != NULL);

  g_clear_pointer (&role->label, g_free);
  role->role = KTS_ROLE_OTHER;
}

/* --- parsing one line ------------------------------------------------------ */

typedef struct
{
  gsize    start;      /* byte offset of the line */
  gsize    end;        /* byte offset of its end, before '\n' */
  guint    char_start; /* the same in code points */
  guint    char_end;
  gboolean blank;
  /* A candidate speaker label, if label_len > 0. */
  gsize    label_start;
  gsize    label_len;
  gint64   timestamp_ms;
  gboolean tight; /* no space after the colon: "T:Hello" */
} Line;

static inline gboolean
is_hspace (char c)
{
  return c == ' ' || c == '\t';
}

static const char *
skip_hspace (const char *p, const char *end)
{
  while (p < end && is_hspace (*p))
    p++;
  return p;
}

/* Reads 1..@max ASCII digits; returns how many were read. */
static guint
read_digits (const char *p, const char *end, guint max, guint *value)
{
  guint n = 0;

  *value = 0;
  while (p + n < end && n < max && g_ascii_isdigit (p[n]))
    {
      *value = *value * 10 + (guint)(p[n] - '0');
      n++;
    }
  if (n < max && p + n < end && g_ascii_isdigit (p[n]))
    return 0; /* too many digits */
  return n;
}

/* Parses a timestamp "[00:12:34]", "[12:34]", "(12:34)", "00:12:34" or
 * "[00:12:34.5]" at @p. Bare timestamps must be followed by white space.
 * Returns the position after it, or NULL. */
static const char *
parse_timestamp (const char *p, const char *end, gboolean bracketed_only, gint64 *ms)
{
  guint parts[3] = { 0 };
  guint n_parts = 0, fraction = 0, n_fraction = 0, n;
  char  close = '\0';

  if (p < end && *p == '[')
    close = ']';
  else if (p < end && *p == '(')
    close = ')';
  else if (bracketed_only)
    return NULL;
  if (close != '\0')
    p++;

  n = read_digits (p, end, 3, &parts[0]);
  if (n == 0)
    return NULL;
  p += n;
  n_parts = 1;

  while (n_parts < 3 && p + 1 < end && *p == ':' && g_ascii_isdigit (p[1]))
    {
      n = read_digits (p + 1, end, 2, &parts[n_parts]);
      if (n != 2)
        return NULL;
      p += 1 + n;
      n_parts++;
    }
  if (n_parts < 2)
    return NULL;

  if (p + 1 < end && (*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    {
      n_fraction = read_digits (p + 1, end, 3, &fraction);
      if (n_fraction == 0)
        return NULL;
      p += 1 + n_fraction;
    }

  if (close != '\0')
    {
      if (p >= end || *p != close)
        return NULL;
      p++;
    }
  else if (p >= end || !is_hspace (*p))
    return NULL;

  /* The first part is hours of h:mm:ss or minutes of m:ss. */
  for (guint i = 1; i < n_parts; i++)
    if (parts[i] >= 60)
      return NULL;

  {
    gint64 seconds = 0;

    for (guint i = 0; i < n_parts; i++)
      seconds = seconds * 60 + parts[i];
    while (n_fraction < 3)
      {
        fraction *= 10;
        n_fraction++;
      }
    *ms = seconds * 1000 + fraction;
  }
  return p;
}

static gboolean
is_abbreviation (const char *word, gsize len)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_abbreviations); i++)
    {
      if (strlen (label_abbreviations[i]) == len
          && g_ascii_strncasecmp (word, label_abbreviations[i], len) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A word with periods is an abbreviation ("Dr.") or initials ("J.", "J.R."). */
static gboolean
word_periods_ok (const char *word, gsize len)
{
  const char *dot = memchr (word, '.', len);
  gboolean    initials = TRUE;
  gsize       seg_len = 0;

  if (dot == NULL)
    return TRUE;

  if (dot == word + len - 1 && memchr (word, '.', len - 1) == NULL
      && is_abbreviation (word, len - 1))
    return TRUE;

  /* Initials: every segment before a period is one letter. */
  for (const char *p = word; p < word + len; p = g_utf8_next_char (p))
    {
      if (*p == '.')
        {
          if (seg_len != 1)
            initials = FALSE;
          seg_len = 0;
        }
      else
        seg_len++;
    }
  return initials && seg_len == 0;
}

static gboolean
is_label_char (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c) || g_unichar_isdigit (c) || c == ' '
         || c == '.' || c == '-' || c == '_' || c == '\'' || c == 0x2019;
}

/* Checks the trimmed label text [p, end): a letter first, label characters
 * only, at most MAX_LABEL_WORDS words and MAX_LABEL_CHARS characters, and
 * periods only in abbreviations. */
static gboolean
label_is_plausible (const char *p, const char *end)
{
  guint       n_chars = 0, n_words = 0;
  const char *word = NULL;

  if (p >= end || !g_unichar_isalpha (g_utf8_get_char (p)))
    return FALSE;

  for (const char *q = p; q <= end; q = q < end ? g_utf8_next_char (q) : q + 1)
    {
      gunichar c = q < end ? g_utf8_get_char (q) : ' ';

      if (q < end)
        {
          if (!is_label_char (c))
            return FALSE;
          if (++n_chars > MAX_LABEL_CHARS)
            return FALSE;
        }

      if (c == ' ')
        {
          if (word != NULL)
            {
              if (++n_words > MAX_LABEL_WORDS || !word_periods_ok (word, q - word))
                return FALSE;
              word = NULL;
            }
        }
      else if (word == NULL)
        word = q;
    }
  return TRUE;
}

/* Finds a candidate speaker label in @line: optional timestamp, label,
 * optional bracketed timestamp, colon. Fills label_start/label_len and
 * timestamp_ms. */
static void
parse_line_head (const char *text, Line *line)
{
  const char *end = text + line->end;
  const char *p = skip_hspace (text + line->start, end);
  const char *after, *label, *label_end = NULL, *colon = NULL;
  gint64      ms = -1, ms_after = -1;

  line->label_len = 0;
  line->timestamp_ms = -1;

  after = parse_timestamp (p, end, FALSE, &ms);
  if (after != NULL)
    {
      p = skip_hspace (after, end);
      /* "00:12:34 - T: …" */
      if (p + 1 < end && *p == '-' && is_hspace (p[1]))
        p = skip_hspace (p + 1, end);
      else if (end - p > 3 && (strncmp (p, "–", 3) == 0 || strncmp (p, "—", 3) == 0)
               && is_hspace (p[3]))
        p = skip_hspace (p + 3, end);
    }
  else
    ms = -1;

  label = p;
  while (p < end)
    {
      if (*p == ':')
        {
          colon = p;
          label_end = p;
          break;
        }
      if ((*p == '[' || *p == '(') && p > label && is_hspace (p[-1]))
        {
          /* "T [00:12:34]: …" */
          const char *q = parse_timestamp (p, end, TRUE, &ms_after);

          if (q == NULL)
            return;
          q = skip_hspace (q, end);
          if (q >= end || *q != ':')
            return;
          label_end = p;
          colon = q;
          break;
        }
      if (*p == '\t' || (guchar)*p < 0x20 || p - label > MAX_LABEL_CHARS * 4)
        return;
      p++;
    }
  if (colon == NULL)
    return;

  while (label_end > label && is_hspace (label_end[-1]))
    label_end--;

  if (!label_is_plausible (label, label_end))
    return;

  /* The colon ends the label if white space or the line's end follows. A
   * letter may follow a known role ("T:Hello", checked later); "C:\Users",
   * "http://" and "10:30" are never labels. */
  line->tight = FALSE;
  if (colon + 1 < end && !is_hspace (colon[1]))
    {
      if (!g_unichar_isalpha (g_utf8_get_char (colon + 1)))
        return;
      line->tight = TRUE;
    }

  line->label_start = label - text;
  line->label_len = label_end - label;
  line->timestamp_ms = ms >= 0 ? ms : ms_after;
}

static const KtsSpeakerRole *
find_override (const char *label, const KtsSpeakerRole *overrides, guint n_overrides)
{
  const KtsSpeakerRole *folded_match = NULL;
  g_autofree char      *folded = NULL;

  for (guint i = 0; i < n_overrides; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *key_folded = NULL;

      if (overrides[i].label == NULL)
        continue;
      key = g_strstrip (g_strdup (overrides[i].label));
      if (strcmp (key, label) == 0)
        return &overrides[i];

      if (folded_match == NULL)
        {
          if (folded == NULL)
            folded = g_utf8_casefold (label, -1);
          key_folded = g_utf8_casefold (key, -1);
          if (strcmp (key_folded, folded) == 0)
            folded_match = &overrides[i];
        }
    }
  return folded_match;
}

static void
speaker_clear (gpointer data)
{
  KtsSpeaker *speaker = data;

  g_clear_pointer (&speaker->label, g_free);
}

static void
push_turn (GArray *turns, int speaker, guint start, guint end, gint64 timestamp_ms)
{
  KtsTurn turn = { speaker, start, end, timestamp_ms };

  g_array_append_val (turns, turn);
}

gboolean
kts_turns_detect (const char           *text,
                  const KtsSpeakerRole *overrides,
                  guint                 n_overrides,
                  GArray              **speakers,
                  GArray              **turns,
                  GError              **error)
{
  g_autoptr (GArray) lines = NULL;
  g_autoptr (GArray) out_speakers = NULL;
  g_autoptr (GArray) out_turns = NULL;
  g_autoptr (GHashTable) label_lines = NULL;   /* label → number of lines it starts */
  g_autoptr (GHashTable) speaker_index = NULL; /* label → index + 1 */
  const char *p;
  guint64     n_chars = 0;
  gboolean    in_turn = FALSE;
  KtsTurn     cur = { -1, 0, 0, -1 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (overrides != NULL || n_overrides == 0, FALSE);
  g_return_val_if_fail (speakers != NULL, FALSE);
  g_return_val_if_fail (turns != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_ENCODING,
                           _ ("The transcript text is not valid UTF-8."));
      return FALSE;
    }

  /* Pass 1: split into lines, find candidate labels and count them. */
  lines = g_array_new (FALSE, FALSE, sizeof (Line));
  label_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p = text;
  for (;;)
    {
      const char *nl = strchr (p, '\n');
      gsize       len = nl != NULL ? (gsize)(nl - p) : strlen (p);
      Line        line = { 0 };
      guint64     line_chars = g_utf8_strlen (p, len);

      if (n_chars + line_chars > G_MAXUINT)
        {
          g_set_error_literal (error, KTS_ERROR, KTS_ERROR_TOO_LARGE,
                               _ ("The transcript text is too long."));
          return FALSE;
        }

      line.start = p - text;
      line.end = line.start + len;
      line.char_start = (guint)n_chars;
      line.char_end = (guint)(n_chars + line_chars);
      line.blank = kts_text_is_blank (p, len);
      if (!line.blank)
        parse_line_head (text, &line);
      if (line.label_len > 0 && !line.tight)
        {
          char *label = g_strndup (text + line.label_start, line.label_len);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (label_lines, label));

          g_hash_table_replace (label_lines, label, GUINT_TO_POINTER (count + 1));
        }
      g_array_append_val (lines, line);

      n_chars += line_chars + 1;
      if (nl == NULL)
        break;
      p = nl + 1;
    }

  /* Pass 2: accept labels, build speakers and turns. */
  out_speakers = g_array_new (FALSE, TRUE, sizeof (KtsSpeaker));
  g_array_set_clear_func (out_speakers, speaker_clear);
  out_turns = g_array_new (FALSE, FALSE, sizeof (KtsTurn));
  speaker_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      int         speaker = -1;

      if (line->label_len > 0)
        {
          g_autofree char      *label = g_strndup (text + line->label_start, line->label_len);
          const KtsSpeakerRole *override = find_override (label, overrides, n_overrides);
          guint                 count = GPOINTER_TO_UINT (g_hash_table_lookup (label_lines, label));
          gpointer              index;

          gboolean known = override != NULL || find_role_word (label) != NULL;

          if (known || (!line->tight && count >= MIN_UNKNOWN_LABEL_LINES))
            {
              index = g_hash_table_lookup (speaker_index, label);
              if (index == NULL)
                {
                  KtsSpeaker s;

                  s.role = override != NULL ? override->role : kts_speaker_default_role (label);
                  s.label = g_strdup (label);
                  g_array_append_val (out_speakers, s);
                  index = GUINT_TO_POINTER (out_speakers->len);
                  g_hash_table_insert (speaker_index, g_steal_pointer (&label), index);
                }
              speaker = (int)GPOINTER_TO_UINT (index) - 1;
            }
        }

      if (speaker >= 0)
        {
          if (in_turn)
            push_turn (out_turns, cur.speaker, cur.start, cur.end, cur.timestamp_ms);
          in_turn = TRUE;
          cur.speaker = speaker;
          cur.start = line->char_start;
          cur.end = line->char_end;
          cur.timestamp_ms = line->timestamp_ms;
        }
      else if (!line->blank)
        {
          if (!in_turn)
            {
              /* Text before the first turn: one turn without a speaker. */
              in_turn = TRUE;
              cur.speaker = -1;
              cur.start = line->char_start;
              cur.timestamp_ms = -1;
            }
          cur.end = line->char_end;
        }
    }
  if (in_turn)
    push_turn (out_turns, cur.speaker, cur.start, cur.end, cur.timestamp_ms);

  *speakers = g_steal_pointer (&out_speakers);
  *turns = g_steal_pointer (&out_turns);
  return TRUE;
}
