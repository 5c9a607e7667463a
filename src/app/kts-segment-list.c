/* kts-segment-list.c: the coded segments page of the Analysis view: filter, sort, reveal, export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-segment-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kts-analysis-view.h"
#include "kts-choice.h"
#include "kts-code-chooser.h"
#include "kts-color-swatch.h"
#include "kts-core.h"
#include "kts-segment-list.h"
#include "kts-segment-row.h"

/* Longest passage shown in a cell; the tooltip has more. */
#define CELL_TEXT_CHARS 200
#define TOOLTIP_TEXT_CHARS 1200

typedef enum
{
  COLUMN_DOCUMENT,
  COLUMN_TURN,
  COLUMN_SPEAKER,
  COLUMN_ACTOR,
  COLUMN_CODE,
  COLUMN_TEXT,
  COLUMN_CODER,
  COLUMN_MEMO,
  N_COLUMNS
} Column;

struct _KtsSegmentList
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget *filter_box;
  GtkWidget *code_chooser;
  GtkWidget *clear_button;
  GtkWidget *count_label;
  GtkWidget *export_button;
  GtkWidget *stack;
  GtkWidget *column_view;

  GtkWidget *actor_drop_down;
  GtkWidget *document_drop_down;
  GtkWidget *episode_drop_down;
  GtkWidget *coder_drop_down;

  KtsProject *project;
  gulong      changed_id;

  GListStore         *store; /* every coding, in document order */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;

  /* The filters; the project keeps the objects alive. */
  KtsCode     *code;
  int          actor;
  KtsDocument *document;
  KtsEpisode  *episode;
  KtsCoder    *coder;

  gboolean stale;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (KtsSegmentList, kts_segment_list, GTK_TYPE_WIDGET)

/* ---- filtering ------------------------------------------------------------------ */

gboolean
kts_segment_list_matches (KtsSegmentList *self, KtsCoding *coding)
{
  g_return_val_if_fail (KTS_IS_SEGMENT_LIST (self), FALSE);
  g_return_val_if_fail (KTS_IS_CODING (coding), FALSE);

  if (self->code != NULL && !kts_code_is_descendant_of (kts_coding_get_code (coding), self->code))
    return FALSE;
  if (self->actor >= 0 && (int)kts_coding_get_actor (coding) != self->actor)
    return FALSE;
  if (self->document != NULL && kts_coding_get_document (coding) != self->document)
    return FALSE;
  if (self->coder != NULL && kts_coding_get_coder (coding) != self->coder)
    return FALSE;
  if (self->episode != NULL
      && (kts_coding_get_document (coding) != kts_episode_get_document (self->episode)
          || kts_coding_get_start (coding) < kts_episode_get_start (self->episode)
          || kts_coding_get_end (coding) > kts_episode_get_end (self->episode)))
    return FALSE;
  return TRUE;
}

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  return kts_segment_list_matches (user_data, KTS_SEGMENT_ROW (item)->coding);
}

static gboolean
export_filter (KtsCoding *coding, gpointer user_data)
{
  return kts_segment_list_matches (user_data, coding);
}

static gboolean
any_filter (KtsSegmentList *self)
{
  return self->code != NULL || self->actor >= 0 || self->document != NULL || self->episode != NULL
         || self->coder != NULL;
}

static void
update_status (KtsSegmentList *self)
{
  guint            total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint            shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "no-match");
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", total),
                            total);
  else
    /* Translators: "12 of 148 segments" */
    text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u of %u segment", "%u of %u segments", total), shown,
        total);
  gtk_label_set_label (GTK_LABEL (self->count_label), text);
  gtk_widget_set_sensitive (self->export_button, shown > 0);
  gtk_widget_set_visible (self->clear_button, any_filter (self));
}

static void
read_filters (KtsSegmentList *self)
{
  KtsChoice *choice;

  self->code = kts_code_chooser_get_code (KTS_CODE_CHOOSER (self->code_chooser));
  choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->actor_drop_down));
  self->actor = -1;
  if (choice != NULL && kts_choice_get_value (choice) != NULL)
    kts_enum_from_nick (KTS_TYPE_ACTOR, kts_choice_get_value (choice), &self->actor);
  choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->document_drop_down));
  self->document = choice != NULL ? kts_choice_get_item (choice) : NULL;
  choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->episode_drop_down));
  self->episode = choice != NULL ? kts_choice_get_item (choice) : NULL;
  choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (self->coder_drop_down));
  self->coder = choice != NULL ? kts_choice_get_item (choice) : NULL;
}

static void
filter_changed_cb (KtsSegmentList *self)
{
  if (self->updating)
    return;
  read_filters (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

static void
clear_filters_cb (KtsSegmentList *self)
{
  kts_segment_list_set_filter (self, NULL, -1, NULL, NULL, NULL);
}

/* ---- sorting -------------------------------------------------------------------- */

typedef struct
{
  KtsSegmentList *self;
  Column          column;
} SortData;

static int
compare_uint (guint a, guint b)
{
  return a < b ? -1 : a > b;
}

/* Missing values (0) sort last, whichever the direction. */
static int
compare_rank (guint a, guint b)
{
  return compare_uint (a == 0 ? G_MAXUINT : a, b == 0 ? G_MAXUINT : b);
}

static int
compare_keys (const char *a, const char *b)
{
  if (*a == '\0' || *b == '\0')
    return (*a == '\0') - (*b == '\0');
  return strcmp (a, b);
}

static int
turn_of (KtsCoding *coding)
{
  return kts_document_find_turn (kts_coding_get_document (coding), kts_coding_get_start (coding));
}

static const char *
speaker_of (KtsCoding *coding, int turn)
{
  KtsDocument   *document = kts_coding_get_document (coding);
  const KtsTurn *t;

  if (turn < 0)
    return NULL;
  t = kts_document_get_turn (document, (guint)turn);
  if (t->speaker < 0)
    return NULL;
  return kts_document_get_speaker (document, (guint)t->speaker)->label;
}

static int
sort_func (gconstpointer pa, gconstpointer pb, gpointer user_data)
{
  SortData      *data = user_data;
  KtsSegmentRow *a = (KtsSegmentRow *)pa;
  KtsSegmentRow *b = (KtsSegmentRow *)pb;
  int            c = 0;

  switch (data->column)
    {
    case COLUMN_TURN:
      c = compare_uint ((guint)(a->turn + 1), (guint)(b->turn + 1));
      break;
    case COLUMN_SPEAKER:
      c = compare_rank (a->speaker_order, b->speaker_order);
      break;
    case COLUMN_ACTOR:
      c = compare_rank (kts_coding_get_actor (a->coding), kts_coding_get_actor (b->coding));
      break;
    case COLUMN_CODE:
      c = compare_uint (a->code_order, b->code_order);
      break;
    case COLUMN_TEXT:
      c = compare_keys (kts_segment_row_get_text_key (a), kts_segment_row_get_text_key (b));
      break;
    case COLUMN_CODER:
      c = compare_rank (a->coder_order, b->coder_order);
      break;
    case COLUMN_MEMO:
      c = compare_keys (kts_segment_row_get_memo_key (a), kts_segment_row_get_memo_key (b));
      break;
    case COLUMN_DOCUMENT:
    case N_COLUMNS:
    default:
      break;
    }
  /* Then document order. */
  if (c == 0)
    c = compare_uint (a->document_order, b->document_order);
  if (c == 0)
    c = kts_coding_compare (a->coding, b->coding, NULL);
  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* ---- cells ---------------------------------------------------------------------- */

static const char *
actor_label (KtsActor actor)
{
  switch (actor)
    {
    case KTS_ACTOR_THERAPIST:
      return _ ("Therapist");
    case KTS_ACTOR_CLIENT:
      return _ ("Client");
    case KTS_ACTOR_DYAD:
      return _ ("Dyad");
    case KTS_ACTOR_THIRD:
      return _ ("Third person");
    case KTS_ACTOR_UNSET:
    default:
      return "–";
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  Column     column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  switch (column)
    {
    case COLUMN_TURN:
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      break;
    case COLUMN_MEMO:
      gtk_widget_add_css_class (label, "dim-label");
      break;
    case COLUMN_CODE:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
        gtk_box_append (GTK_BOX (box), kts_color_swatch_new (NULL));
        gtk_box_append (GTK_BOX (box), label);
        gtk_list_item_set_child (item, box);
        return;
      }
    default:
      break;
    }
  gtk_list_item_set_child (item, label);
}

static char *
one_line (const char *text, guint max_chars)
{
  GString    *out = g_string_new (NULL);
  const char *p = text;
  guint       n = 0;

  for (; p != NULL && *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '\n' || c == '\t' || c == '\r')
        c = ' ';
      g_string_append_unichar (out, c);
    }
  if (p != NULL && *p != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static GtkWidget *
cell_label (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_LABEL (child))
    return child;
  return gtk_widget_get_last_child (child);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  Column           column = GPOINTER_TO_INT (user_data);
  KtsSegmentRow   *row = gtk_list_item_get_item (item);
  KtsCoding       *coding = row->coding;
  GtkWidget       *label = cell_label (item);
  KtsDocument     *document = kts_coding_get_document (coding);
  g_autofree char *owned = NULL;
  const char      *text = NULL;
  const char      *tooltip = NULL;

  switch (column)
    {
    case COLUMN_DOCUMENT:
      text = kts_document_get_title (document);
      tooltip = text;
      break;
    case COLUMN_TURN:
      {
        owned = row->turn >= 0 ? g_strdup_printf ("%d", row->turn + 1) : g_strdup ("–");
        text = owned;
      }
      break;
    case COLUMN_SPEAKER:
      text = speaker_of (coding, row->turn);
      break;
    case COLUMN_ACTOR:
      text = actor_label (kts_coding_get_actor (coding));
      break;
    case COLUMN_CODE:
      {
        KtsCode   *code = kts_coding_get_code (coding);
        GtkWidget *swatch = gtk_widget_get_first_child (gtk_list_item_get_child (item));

        kts_color_swatch_set_color (KTS_COLOR_SWATCH (swatch), kts_code_get_color (code));
        text = kts_code_get_name (code);
        tooltip = kts_code_get_display_key (code);
      }
      break;
    case COLUMN_TEXT:
      {
        g_autofree char *passage = kts_coding_dup_text (coding);
        g_autofree char *full = NULL;

        owned = one_line (passage, CELL_TEXT_CHARS);
        text = owned;
        if (g_utf8_strlen (passage, -1) > CELL_TEXT_CHARS / 2)
          {
            full = g_utf8_substring (passage, 0,
                                     MIN (g_utf8_strlen (passage, -1), TOOLTIP_TEXT_CHARS));
            gtk_widget_set_tooltip_text (label, full);
          }
        else
          gtk_widget_set_tooltip_text (label, NULL);
        gtk_label_set_label (GTK_LABEL (label), text);
        return;
      }
    case COLUMN_CODER:
      if (kts_coding_get_coder (coding) != NULL)
        text = kts_coder_get_name (kts_coding_get_coder (coding));
      break;
    case COLUMN_MEMO:
      owned = kts_coding_get_memo (coding) != NULL
                  ? one_line (kts_coding_get_memo (coding), CELL_TEXT_CHARS)
                  : NULL;
      text = owned;
      tooltip = kts_coding_get_memo (coding);
      break;
    case N_COLUMNS:
    default:
      break;
    }
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip);
}

static void
add_column (
    KtsSegmentList *self, Column column, const char *title, gboolean expand, int fixed_width)
{
  GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  GtkCustomSorter     *sorter;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);

  {
    SortData *data = g_new0 (SortData, 1);
    data->self = self;
    data->column = column;
    sorter = gtk_custom_sorter_new (sort_func, data, g_free);
  }
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  g_object_unref (sorter);

  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), view_column);
  g_object_unref (view_column);
}

/* ---- actions -------------------------------------------------------------------- */

static void
row_activated_cb (KtsSegmentList *self, guint position)
{
  g_autoptr (KtsSegmentRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.reveal-coding", "s",
                                kts_item_get_guid (KTS_ITEM (row->coding)));
}

GString *
kts_segment_list_export_csv (KtsSegmentList *self)
{
  g_return_val_if_fail (KTS_IS_SEGMENT_LIST (self), NULL);
  g_return_val_if_fail (self->project != NULL, NULL);

  kts_segment_list_refresh (self);
  return kts_codings_export_csv (self->project, export_filter, self);
}

static char *
suggested_file_name (KtsSegmentList *self)
{
  GString *name = g_string_new (_ ("coded-segments"));

  if (self->code != NULL)
    g_string_append_printf (name, "-%s", kts_code_get_display_key (self->code));
  if (self->document != NULL)
    g_string_append_printf (name, "-%s", kts_document_get_title (self->document));
  g_string_append (name, ".csv");
  g_strdelimit (name->str, "/\\:*?\"<>|", '_');
  return g_string_free (name, FALSE);
}

static void
export_clicked_cb (KtsSegmentList *self)
{
  g_autoptr (GString) csv = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *done = NULL;
  guint            n;

  if (self->project == NULL)
    return;
  csv = kts_segment_list_export_csv (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  bytes = g_bytes_new (csv->str, csv->len);
  name = suggested_file_name (self);
  done = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Exported %u segment", "Exported %u segments", n), n);
  kts_analysis_save_bytes (GTK_WIDGET (self), _ ("Export Coded Segments"), name, bytes, done);
}

/* ---- the project ------------------------------------------------------------------ */

static void
fill_choices (KtsSegmentList *self)
{
  g_autoptr (GListStore) actors = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) documents = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) episodes = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) coders = g_list_store_new (KTS_TYPE_CHOICE);
  const KtsActor actor_order[]
      = { KTS_ACTOR_THERAPIST, KTS_ACTOR_CLIENT, KTS_ACTOR_DYAD, KTS_ACTOR_THIRD, KTS_ACTOR_UNSET };

#define APPEND(store, label, item, value)                                                          \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autoptr (KtsChoice) c_ = kts_choice_new (label, item, value);                                \
    g_list_store_append (store, c_);                                                               \
  }                                                                                                \
  G_STMT_END

  APPEND (actors, _ ("Any actor"), NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (actor_order); i++)
    APPEND (actors,
            actor_order[i] == KTS_ACTOR_UNSET ? _ ("Actor not set") : actor_label (actor_order[i]),
            NULL, kts_enum_to_nick (KTS_TYPE_ACTOR, actor_order[i]));
  APPEND (documents, _ ("All transcripts"), NULL, NULL);
  APPEND (episodes, _ ("Any episode"), NULL, NULL);
  APPEND (coders, _ ("All coders"), NULL, NULL);

  if (self->project != NULL)
    {
      GListModel *list = kts_project_get_documents (self->project);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (KtsDocument) document = g_list_model_get_item (list, i);
          APPEND (documents, kts_document_get_title (document), document, NULL);
        }
      list = kts_project_get_episodes (self->project);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (KtsEpisode) episode = g_list_model_get_item (list, i);
          if (kts_episode_get_document (episode) != NULL)
            APPEND (episodes, kts_episode_get_name (episode), episode, NULL);
        }
      list = kts_project_get_coders (self->project);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (KtsCoder) coder = g_list_model_get_item (list, i);
          APPEND (coders, kts_coder_get_name (coder), coder, NULL);
        }
    }
#undef APPEND

  if (gtk_drop_down_get_model (GTK_DROP_DOWN (self->actor_drop_down)) == NULL)
    kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->actor_drop_down), G_LIST_MODEL (actors));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->document_drop_down),
                                    G_LIST_MODEL (documents));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->episode_drop_down),
                                    G_LIST_MODEL (episodes));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->coder_drop_down), G_LIST_MODEL (coders));
  gtk_widget_set_visible (self->document_drop_down,
                          g_list_model_get_n_items (G_LIST_MODEL (documents)) > 2);
  gtk_widget_set_visible (self->episode_drop_down,
                          g_list_model_get_n_items (G_LIST_MODEL (episodes)) > 1);
  gtk_widget_set_visible (self->coder_drop_down,
                          g_list_model_get_n_items (G_LIST_MODEL (coders)) > 2);
}

static KtsCoding *
selected_coding (KtsSegmentList *self)
{
  KtsSegmentRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? row->coding : NULL;
}

static int
compare_collated (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *)a, *(const char *const *)b);
}

/* Rank (from 1) of every distinct string of @strings in collation order. */
static GHashTable *
rank_strings (GPtrArray *strings)
{
  GHashTable *ranks = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_sort (strings, compare_collated);
  for (guint i = 0; i < strings->len; i++)
    if (!g_hash_table_contains (ranks, g_ptr_array_index (strings, i)))
      g_hash_table_insert (ranks, g_ptr_array_index (strings, i),
                           GUINT_TO_POINTER (g_hash_table_size (ranks) + 1));
  return ranks;
}

/* Every coding as a row with its sort keys. */
static GPtrArray *
build_rows (KtsSegmentList *self)
{
  GPtrArray  *rows = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *documents = kts_project_get_documents (self->project);
  GListModel *coders = kts_project_get_coders (self->project);
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (kts_project_get_codebook (self->project));
  g_autoptr (GHashTable) code_order = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) speaker_labels = g_ptr_array_new ();
  g_autoptr (GPtrArray) coder_names = g_ptr_array_new ();
  g_autoptr (GHashTable) speaker_ranks = NULL;
  g_autoptr (GHashTable) coder_ranks = NULL;

  for (guint i = 0; i < codes->len; i++)
    g_hash_table_insert (code_order, g_ptr_array_index (codes, i), GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      for (guint s = 0; s < kts_document_get_n_speakers (document); s++)
        g_ptr_array_add (speaker_labels, kts_document_get_speaker (document, s)->label);
    }
  for (guint i = 0; i < g_list_model_get_n_items (coders); i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);
      g_ptr_array_add (coder_names, (char *)kts_coder_get_name (coder));
    }
  speaker_ranks = rank_strings (speaker_labels);
  coder_ranks = rank_strings (coder_names);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) document = g_list_model_get_item (documents, i);
      GListModel *list = kts_document_get_codings (document);
      guint       n = g_list_model_get_n_items (list);

      for (guint k = 0; k < n; k++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (list, k);
          KtsSegmentRow *row;
          KtsCoder      *coder = kts_coding_get_coder (coding);
          const char    *speaker;

          /* An open practice set's reference stays out of sight. */
          if (kts_project_coding_is_hidden (self->project, coding))
            continue;
          row = kts_segment_row_new (coding);

          row->document_order = i;
          row->turn = turn_of (coding);
          speaker = speaker_of (coding, row->turn);
          row->speaker_order = speaker != NULL
                                   ? GPOINTER_TO_UINT (g_hash_table_lookup (speaker_ranks, speaker))
                                   : 0;
          row->code_order
              = GPOINTER_TO_UINT (g_hash_table_lookup (code_order, kts_coding_get_code (coding)));
          row->coder_order = coder != NULL ? GPOINTER_TO_UINT (
                                 g_hash_table_lookup (coder_ranks, kts_coder_get_name (coder)))
                                           : 0;
          g_ptr_array_add (rows, row);
        }
    }
  return rows;
}

void
kts_segment_list_refresh (KtsSegmentList *self)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (KtsCoding) selected = NULL;
  KtsCode *code;

  g_return_if_fail (KTS_IS_SEGMENT_LIST (self));

  if (!self->stale)
    return;
  self->stale = FALSE;

  selected = selected_coding (self);
  if (selected != NULL)
    g_object_ref (selected);

  self->updating = TRUE;
  fill_choices (self);
  /* A code removed from the codebook is no filter any more. */
  code = kts_code_chooser_get_code (KTS_CODE_CHOOSER (self->code_chooser));
  if (code != NULL
      && (self->project == NULL
          || kts_project_lookup (self->project, kts_item_get_guid (KTS_ITEM (code)))
                 != KTS_ITEM (code)))
    kts_code_chooser_set_code (KTS_CODE_CHOOSER (self->code_chooser), NULL);
  self->updating = FALSE;

  /* The filters first: the new rows are filtered and sorted as they come in. */
  read_filters (self);
  rows = self->project != NULL ? build_rows (self) : g_ptr_array_new ();
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);

  if (selected != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (KtsSegmentRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);
          if (row->coding == selected)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }
  update_status (self);
}

static void
project_changed_cb (KtsSegmentList *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kts_segment_list_refresh (self);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
kts_segment_list_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kts_segment_list_parent_class)->map (widget);
  kts_segment_list_refresh (KTS_SEGMENT_LIST (widget));
}

static void
kts_segment_list_dispose (GObject *object)
{
  KtsSegmentList *self = KTS_SEGMENT_LIST (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_SEGMENT_LIST);
  /* The template's root box has no id, so the template does not unparent it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (kts_segment_list_parent_class)->dispose (object);
}

static void
kts_segment_list_class_init (KtsSegmentListClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_segment_list_dispose;
  widget_class->map = kts_segment_list_map;

  g_type_ensure (KTS_TYPE_CODE_CHOOSER);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-segment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsSegmentList, filter_box);
  gtk_widget_class_bind_template_child (widget_class, KtsSegmentList, code_chooser);
  gtk_widget_class_bind_template_child (widget_class, KtsSegmentList, clear_button);
  gtk_widget_class_bind_template_child (widget_class, KtsSegmentList, count_label);
  gtk_widget_class_bind_template_child (widget_class, KtsSegmentList, export_button);
  gtk_widget_class_bind_template_child (widget_class, KtsSegmentList, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsSegmentList, column_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "segmentlist");
}

static GtkWidget *
add_drop_down (KtsSegmentList *self, GtkWidget *after, const char *label)
{
  GtkWidget *drop_down = kts_choice_drop_down_new (label, TRUE);

  gtk_box_insert_child_after (GTK_BOX (self->filter_box), drop_down, after);
  g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  return drop_down;
}

static void
kts_segment_list_init (KtsSegmentList *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->actor = -1;
  self->stale = TRUE;

  self->actor_drop_down = add_drop_down (self, self->code_chooser, _ ("Actor"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->actor_drop_down), FALSE);
  self->document_drop_down = add_drop_down (self, self->actor_drop_down, _ ("Transcript"));
  self->episode_drop_down = add_drop_down (self, self->document_drop_down, _ ("Episode"));
  self->coder_drop_down = add_drop_down (self, self->episode_drop_down, _ ("Coder"));

  add_column (self, COLUMN_DOCUMENT, _ ("Transcript"), FALSE, 130);
  add_column (self, COLUMN_TURN, _ ("Turn"), FALSE, 64);
  add_column (self, COLUMN_SPEAKER, _ ("Speaker"), FALSE, 90);
  add_column (self, COLUMN_ACTOR, _ ("Actor"), FALSE, 100);
  add_column (self, COLUMN_CODE, _ ("Code"), FALSE, 250);
  add_column (self, COLUMN_TEXT, _ ("Coded Passage"), TRUE, -1);
  add_column (self, COLUMN_CODER, _ ("Coder"), FALSE, 110);
  add_column (self, COLUMN_MEMO, _ ("Memo"), FALSE, 160);

  self->store = g_list_store_new (KTS_TYPE_SEGMENT_ROW);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), g_object_ref (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view),
                             GTK_SELECTION_MODEL (self->selection));

  fill_choices (self);
  update_status (self);
}

GtkWidget *
kts_segment_list_new (void)
{
  return g_object_new (KTS_TYPE_SEGMENT_LIST, NULL);
}

void
kts_segment_list_set_project (KtsSegmentList *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_SEGMENT_LIST (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id
        = g_signal_connect_swapped (project, "changed", G_CALLBACK (project_changed_cb), self);

  self->updating = TRUE;
  kts_code_chooser_set_project (KTS_CODE_CHOOSER (self->code_chooser), project);
  self->updating = FALSE;
  /* Old objects must not linger in the filters until the next refresh. */
  self->stale = TRUE;
  g_list_store_remove_all (self->store);
  fill_choices (self);
  read_filters (self);
  update_status (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kts_segment_list_refresh (self);
}

void
kts_segment_list_set_filter (KtsSegmentList *self,
                             KtsCode        *code,
                             int             actor,
                             KtsDocument    *document,
                             KtsEpisode     *episode,
                             KtsCoder       *coder)
{
  g_return_if_fail (KTS_IS_SEGMENT_LIST (self));

  kts_segment_list_refresh (self);
  self->updating = TRUE;
  kts_code_chooser_set_code (KTS_CODE_CHOOSER (self->code_chooser), code);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->actor_drop_down), NULL,
                               actor >= 0 ? kts_enum_to_nick (KTS_TYPE_ACTOR, actor) : NULL);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->document_drop_down), document, NULL);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->episode_drop_down), episode, NULL);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->coder_drop_down), coder, NULL);
  self->updating = FALSE;
  filter_changed_cb (self);
}

GListModel *
kts_segment_list_get_model (KtsSegmentList *self)
{
  g_return_val_if_fail (KTS_IS_SEGMENT_LIST (self), NULL);

  kts_segment_list_refresh (self);
  return G_LIST_MODEL (self->sorted);
}

const char *
kts_segment_list_get_state (KtsSegmentList *self)
{
  g_return_val_if_fail (KTS_IS_SEGMENT_LIST (self), NULL);

  kts_segment_list_refresh (self);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}
