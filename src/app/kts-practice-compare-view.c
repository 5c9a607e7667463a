/* kts-practice-compare-view.c: a submitted practice set against its reference: two coding rails,
 * the spans and the score card. SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-practice-compare-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "kts-agreement.h"
#include "kts-practice-compare-view.h"
#include "kts-practice-trend-view.h"

#define LANE_WIDTH 9
#define MAX_LANES 5
#define RAIL_WIDTH 220

enum
{
  SIDE_STUDENT,
  SIDE_REFERENCE,
  N_SIDES
};

/* ---- entries: one per item of the report, for the list models -------------------------- */

#define KTS_TYPE_PRACTICE_ENTRY (kts_practice_entry_get_type ())
G_DECLARE_FINAL_TYPE (KtsPracticeEntry, kts_practice_entry, KTS, PRACTICE_ENTRY, GObject)

struct _KtsPracticeEntry
{
  GObject          parent_instance;
  KtsPracticeItem *item; /* borrowed from the report */
  guint            index;
  int              first[N_SIDES]; /* turn range of each side's span; -1 without */
  int              last[N_SIDES];
  int              lane[N_SIDES];
  int              speaker;
  gboolean         shown;
};

G_DEFINE_FINAL_TYPE (KtsPracticeEntry, kts_practice_entry, G_TYPE_OBJECT)

static void
kts_practice_entry_class_init (KtsPracticeEntryClass *klass)
{
}

static void
kts_practice_entry_init (KtsPracticeEntry *self)
{
}

/* A turn of the transcript, for the turns list. */
#define KTS_TYPE_PRACTICE_TURN (kts_practice_turn_get_type ())
G_DECLARE_FINAL_TYPE (KtsPracticeTurn, kts_practice_turn, KTS, PRACTICE_TURN, GObject)

struct _KtsPracticeTurn
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (KtsPracticeTurn, kts_practice_turn, G_TYPE_OBJECT)

static void
kts_practice_turn_class_init (KtsPracticeTurnClass *klass)
{
}

static void
kts_practice_turn_init (KtsPracticeTurn *self)
{
}

/* ---- the view ---------------------------------------------------------------------------- */

struct _KtsPracticeCompareView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  GtkWidget *score_grid;
  GtkWidget *pass_label;
  GtkWidget *trend_view;
  GtkWidget *layer_dropdown;
  GtkWidget *speaker_dropdown;
  GtkWidget *code_dropdown;
  GtkWidget *outcome_dropdown;
  GtkWidget *count_label;
  GtkWidget *student_heading;
  GtkWidget *turns_view;
  GtkWidget *spans_view;

  KtsProject         *project;
  KtsPracticeReport  *report;
  KtsDocument        *document;
  guint               n_turns; /* turns shown: the document's, or 1 for a text without */
  GListStore         *turns;
  GListStore         *entries;
  GtkFilter          *filter;
  GtkSingleSelection *selection;
  GPtrArray          *per_turn[N_SIDES]; /* per turn: GPtrArray of KtsPracticeEntry (borrowed) */
  GHashTable         *turn_rows;         /* bound turn row widgets */
  int                 selected;
  gboolean            updating;

  /* filter values, parallel to the drop-downs' items */
  GPtrArray *layer_values; /* char*, NULL first */
  GArray    *speaker_values;
  GPtrArray *code_values; /* KtsCode*, NULL first */
};

G_DEFINE_FINAL_TYPE (KtsPracticeCompareView, kts_practice_compare_view, GTK_TYPE_WIDGET)

static const struct
{
  const char *symbol;
  const char *label;
  const char *css;
} outcomes[] = {
  [KTS_PRACTICE_OUTCOME_HIT] = { "✓", N_ ("hit"), "hit" },
  [KTS_PRACTICE_OUTCOME_PARTIAL] = { "◐", N_ ("partial"), "partial" },
  [KTS_PRACTICE_OUTCOME_WRONG_CODE] = { "✗", N_ ("wrong code"), "wrong-code" },
  [KTS_PRACTICE_OUTCOME_MISS] = { "○", N_ ("miss"), "miss" },
  [KTS_PRACTICE_OUTCOME_EXTRA] = { "+", N_ ("extra"), "extra" },
};

const char *
kts_practice_outcome_get_symbol (KtsPracticeOutcome outcome)
{
  g_return_val_if_fail ((guint)outcome < G_N_ELEMENTS (outcomes), "?");
  return outcomes[outcome].symbol;
}

const char *
kts_practice_outcome_get_label (KtsPracticeOutcome outcome)
{
  g_return_val_if_fail ((guint)outcome < G_N_ELEMENTS (outcomes), "?");
  return _ (outcomes[outcome].label);
}

static KtsCoding *
side_coding (KtsPracticeItem *item, int side)
{
  return side == SIDE_STUDENT ? item->student : item->reference;
}

/* The turn holding @offset: the one containing it, else the last one
 * starting before it (text between turns). */
static int
turn_at (KtsDocument *document, guint offset)
{
  guint n = kts_document_get_n_turns (document);
  int   t;

  if (n == 0)
    return 0;
  t = kts_document_find_turn (document, offset);
  if (t >= 0)
    return t;
  t = 0;
  for (guint i = 0; i < n && kts_document_get_turn (document, i)->start <= offset; i++)
    t = (int)i;
  return t;
}

static char *
code_label (KtsCode *code)
{
  const char *key = kts_code_get_key (code);

  return g_strdup (key != NULL && *key != '\0' ? key : kts_code_get_name (code));
}

static GtkWidget *
outcome_label (KtsPracticeOutcome outcome)
{
  g_autofree char *text = g_strdup_printf ("%s %s", kts_practice_outcome_get_symbol (outcome),
                                           kts_practice_outcome_get_label (outcome));
  GtkWidget       *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "outcome");
  gtk_widget_add_css_class (label, outcomes[outcome].css);
  return label;
}

/* ---- filters ------------------------------------------------------------------------------ */

static gpointer
dropdown_value (GtkWidget *dropdown, GPtrArray *values)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));

  return values != NULL && pos < values->len ? g_ptr_array_index (values, pos) : NULL;
}

static int
speaker_filter (KtsPracticeCompareView *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->speaker_dropdown));

  if (self->speaker_values == NULL || pos >= self->speaker_values->len)
    return KTS_PRACTICE_FILTER_ALL;
  return g_array_index (self->speaker_values, int, pos);
}

static int
outcome_filter (KtsPracticeCompareView *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->outcome_dropdown));

  /* All, discrepancies, then the outcomes in their order. */
  if (pos == 0 || pos == GTK_INVALID_LIST_POSITION)
    return KTS_PRACTICE_FILTER_ALL;
  if (pos == 1)
    return KTS_PRACTICE_FILTER_DISCREPANCIES;
  return (int)pos - 2;
}

static gboolean
entry_passes (KtsPracticeCompareView *self, KtsPracticeEntry *entry)
{
  KtsPracticeItem *item = entry->item;
  const char      *layer = dropdown_value (self->layer_dropdown, self->layer_values);
  KtsCode         *code = dropdown_value (self->code_dropdown, self->code_values);
  int              speaker = speaker_filter (self);
  int              outcome = outcome_filter (self);

  if (layer != NULL && g_strcmp0 (item->layer, layer) != 0)
    return FALSE;
  if (speaker != KTS_PRACTICE_FILTER_ALL && entry->speaker != speaker)
    return FALSE;
  if (code != NULL && (item->reference == NULL || kts_coding_get_code (item->reference) != code)
      && (item->student == NULL || kts_coding_get_code (item->student) != code))
    return FALSE;
  if (outcome == KTS_PRACTICE_FILTER_DISCREPANCIES)
    return item->outcome != KTS_PRACTICE_OUTCOME_HIT;
  if (outcome != KTS_PRACTICE_FILTER_ALL)
    return (int)item->outcome == outcome;
  return TRUE;
}

static gboolean
filter_cb (gpointer object, gpointer user_data)
{
  return KTS_PRACTICE_ENTRY (object)->shown;
}

/* Gives every shown span of each rail a lane: spans whose turns overlap sit
 * side by side. */
static void
assign_lanes (KtsPracticeCompareView *self)
{
  for (int side = 0; side < N_SIDES; side++)
    {
      int lane_end[MAX_LANES];

      for (guint l = 0; l < MAX_LANES; l++)
        lane_end[l] = -1;
      /* The entries are in text order, so by first turn. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
        {
          g_autoptr (KtsPracticeEntry) entry
              = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
          int lane = MAX_LANES - 1;

          entry->lane[side] = -1;
          if (!entry->shown || entry->first[side] < 0)
            continue;
          for (int l = 0; l < MAX_LANES; l++)
            if (lane_end[l] < entry->first[side])
              {
                lane = l;
                break;
              }
          entry->lane[side] = lane;
          lane_end[lane] = MAX (lane_end[lane], entry->last[side]);
        }
    }
}

static void refresh_turn_row (KtsPracticeCompareView *self, GtkWidget *row);

static void
refilter (KtsPracticeCompareView *self)
{
  guint            n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint            n_shown = 0;
  g_autofree char *count = NULL;
  GHashTableIter   iter;
  gpointer         row;

  for (int side = 0; side < N_SIDES; side++)
    for (guint t = 0; self->per_turn[side] != NULL && t < self->per_turn[side]->len; t++)
      g_ptr_array_set_size (g_ptr_array_index (self->per_turn[side], t), 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsPracticeEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      entry->shown = entry_passes (self, entry);
      n_shown += entry->shown;
      for (int side = 0; entry->shown && side < N_SIDES; side++)
        for (int t = entry->first[side]; t >= 0 && t <= entry->last[side]; t++)
          g_ptr_array_add (g_ptr_array_index (self->per_turn[side], t), entry);
    }
  assign_lanes (self);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);

  /* Translators: "12 of 40 spans" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u span", "%u of %u spans", n),
                           n_shown, n);
  gtk_label_set_text (GTK_LABEL (self->count_label), count);

  g_hash_table_iter_init (&iter, self->turn_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    refresh_turn_row (self, row);
}

static void
filter_changed_cb (KtsPracticeCompareView *self)
{
  /* Not while the view is being built. */
  if (!self->updating && self->filter != NULL)
    refilter (self);
}

/* ---- selection ------------------------------------------------------------------------------ */

static KtsPracticeEntry *
entry_at (KtsPracticeCompareView *self, guint index)
{
  if (self->entries == NULL || index >= g_list_model_get_n_items (G_LIST_MODEL (self->entries)))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->entries), index); /* transfer full */
}

static void
select_entry (KtsPracticeCompareView *self, guint index, gboolean scroll_list)
{
  g_autoptr (KtsPracticeEntry) entry = entry_at (self, index);
  GListModel    *shown = G_LIST_MODEL (self->selection);
  GHashTableIter iter;
  gpointer       row;
  int            turn;

  if (entry == NULL)
    return;
  self->selected = (int)index;

  /* In the list, when the filters show it. */
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (KtsPracticeEntry) e = g_list_model_get_item (shown, i);

      if (e != entry)
        continue;
      self->updating = TRUE;
      gtk_single_selection_set_selected (self->selection, i);
      self->updating = FALSE;
      if (scroll_list)
        gtk_widget_activate_action (self->spans_view, "list.scroll-to-item", "u", i);
      break;
    }

  /* The turns, at the span's first turn. */
  turn = entry->first[SIDE_REFERENCE] >= 0 ? entry->first[SIDE_REFERENCE]
                                           : entry->first[SIDE_STUDENT];
  if (entry->first[SIDE_STUDENT] >= 0)
    turn = MIN (turn, entry->first[SIDE_STUDENT]);
  if (turn >= 0)
    gtk_widget_activate_action (self->turns_view, "list.scroll-to-item", "u", (guint)turn);

  g_hash_table_iter_init (&iter, self->turn_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    refresh_turn_row (self, row);
}

static void
spans_selected_cb (KtsPracticeCompareView *self)
{
  g_autoptr (KtsPracticeEntry) entry = NULL;

  if (self->updating || self->selection == NULL)
    return;
  entry = gtk_single_selection_get_selected_item (self->selection);
  if (entry == NULL)
    return;
  g_object_ref (entry);
  select_entry (self, entry->index, FALSE);
}

static void
chip_clicked_cb (GtkButton *button, KtsPracticeCompareView *self)
{
  select_entry (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kts-index")), TRUE);
}

/* ---- the turns with their rails ------------------------------------------------------------- */

typedef struct
{
  KtsPracticeCompareView *view;
  int                     side;
  int                     turn;
} RailData;

static void
draw_rail_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  RailData  *data = user_data;
  GPtrArray *marks;
  GdkRGBA    fg;

  if (data->view->per_turn[data->side] == NULL || data->turn < 0
      || (guint)data->turn >= data->view->per_turn[data->side]->len)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  marks = g_ptr_array_index (data->view->per_turn[data->side], data->turn);
  for (guint i = 0; i < marks->len; i++)
    {
      KtsPracticeEntry *entry = g_ptr_array_index (marks, i);
      KtsCoding        *coding = side_coding (entry->item, data->side);
      double            x = 3 + entry->lane[data->side] * LANE_WIDTH;
      double            top = entry->first[data->side] == data->turn ? 6 : 0;
      double            bottom = entry->last[data->side] == data->turn ? height - 6 : height;
      GdkRGBA           color;

      if (coding == NULL || entry->lane[data->side] < 0)
        continue;
      if (!gdk_rgba_parse (&color, kts_code_get_color (kts_coding_get_code (coding))))
        color = fg;
      cairo_rectangle (cr, x, top, LANE_WIDTH - 3, MAX (bottom - top, 2));
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill_preserve (cr);
      /* A hairline keeps pale colours visible, and marks the selected span. */
      fg.alpha = (int)entry->index == data->view->selected ? 1.0 : 0.35;
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_set_line_width (cr, (int)entry->index == data->view->selected ? 2 : 1);
      cairo_stroke (cr);
      fg.alpha = 1;
    }
}

static GtkWidget *
make_rail (KtsPracticeCompareView *self, int side, GtkWidget **area_out, GtkWidget **chips_out)
{
  GtkWidget *rail = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *chips = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RailData  *data = g_new0 (RailData, 1);

  data->view = self;
  data->side = side;
  data->turn = -1;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), MAX_LANES * LANE_WIDTH + 3);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_rail_cb, data, g_free);
  gtk_widget_set_vexpand (area, TRUE);
  gtk_widget_set_size_request (rail, RAIL_WIDTH, -1);
  gtk_widget_set_size_request (chips, RAIL_WIDTH - MAX_LANES * LANE_WIDTH - 7, -1);
  gtk_widget_set_hexpand (rail, FALSE);
  gtk_widget_set_margin_top (chips, 4);
  gtk_widget_set_margin_bottom (chips, 4);
  gtk_widget_add_css_class (rail, "practice-rail");
  gtk_box_append (GTK_BOX (rail), area);
  gtk_box_append (GTK_BOX (rail), chips);
  g_object_set_data (G_OBJECT (area), "kts-rail-data", data);
  *area_out = area;
  *chips_out = chips;
  return rail;
}

static void
setup_turn_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsPracticeCompareView *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *header = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);

  for (int side = 0; side < N_SIDES; side++)
    {
      GtkWidget *area, *chips;
      GtkWidget *rail = make_rail (self, side, &area, &chips);

      g_object_set_data (G_OBJECT (row), side == SIDE_STUDENT ? "kts-area-0" : "kts-area-1", area);
      g_object_set_data (G_OBJECT (row), side == SIDE_STUDENT ? "kts-chips-0" : "kts-chips-1",
                         chips);
      gtk_box_append (GTK_BOX (row), rail);
    }

  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_add_css_class (text_box, "practice-turn-text");
  gtk_box_append (GTK_BOX (text_box), header);
  gtk_box_append (GTK_BOX (text_box), text);
  gtk_box_append (GTK_BOX (row), text_box);
  g_object_set_data (G_OBJECT (row), "kts-header", header);
  g_object_set_data (G_OBJECT (row), "kts-text", text);
  gtk_widget_add_css_class (row, "practice-turn");
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
turn_range (KtsPracticeCompareView *self, int turn, guint *start, guint *end)
{
  if (kts_document_get_n_turns (self->document) == 0)
    {
      *start = 0;
      *end = kts_document_get_n_characters (self->document);
      return;
    }
  *start = kts_document_get_turn (self->document, (guint)turn)->start;
  *end = kts_document_get_turn (self->document, (guint)turn)->end;
}

/* The turn's text, with the selected span's part in bold and underlined. */
static char *
turn_markup (KtsPracticeCompareView *self, int turn)
{
  g_autoptr (KtsPracticeEntry) entry
      = self->selected >= 0 ? entry_at (self, (guint)self->selected) : NULL;
  guint            start, end, a = 0, b = 0;
  g_autofree char *before = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *after = NULL;
  g_autofree char *e1 = NULL;
  g_autofree char *e2 = NULL;
  g_autofree char *e3 = NULL;

  turn_range (self, turn, &start, &end);
  if (entry != NULL)
    {
      /* The union of both sides' spans. */
      gboolean any = FALSE;

      for (int side = 0; side < N_SIDES; side++)
        {
          KtsCoding *c = side_coding (entry->item, side);

          if (c == NULL)
            continue;
          a = any ? MIN (a, kts_coding_get_start (c)) : kts_coding_get_start (c);
          b = any ? MAX (b, kts_coding_get_end (c)) : kts_coding_get_end (c);
          any = TRUE;
        }
      a = CLAMP (a, start, end);
      b = CLAMP (b, start, end);
    }
  if (a >= b)
    {
      g_autofree char *all = kts_document_dup_slice (self->document, start, end);
      return g_markup_escape_text (g_strstrip (all), -1);
    }
  before = kts_document_dup_slice (self->document, start, a);
  inside = kts_document_dup_slice (self->document, a, b);
  after = kts_document_dup_slice (self->document, b, end);
  g_strchug (before);
  g_strchomp (after);
  e1 = g_markup_escape_text (before, -1);
  e2 = g_markup_escape_text (inside, -1);
  e3 = g_markup_escape_text (after, -1);
  return g_strdup_printf ("%s<b><u>%s</u></b>%s", e1, e2, e3);
}

static void
fill_chips (KtsPracticeCompareView *self, GtkWidget *chips, int side, int turn)
{
  GtkWidget *child;
  GPtrArray *marks = g_ptr_array_index (self->per_turn[side], turn);

  while ((child = gtk_widget_get_first_child (chips)) != NULL)
    gtk_box_remove (GTK_BOX (chips), child);
  for (guint i = 0; i < marks->len; i++)
    {
      KtsPracticeEntry *entry = g_ptr_array_index (marks, i);
      KtsCoding        *coding = side_coding (entry->item, side);
      g_autofree char  *key = NULL;
      g_autofree char  *text = NULL;
      g_autofree char  *tip = NULL;
      GtkWidget        *button, *label;

      if (coding == NULL || entry->first[side] != turn)
        continue;
      key = code_label (kts_coding_get_code (coding));
      /* Translators: a span in a rail: "✗ wrong code · SD.control" */
      text = g_strdup_printf (_ ("%s %s · %s"),
                              kts_practice_outcome_get_symbol (entry->item->outcome),
                              kts_practice_outcome_get_label (entry->item->outcome), key);
      tip = g_strdup_printf ("%s — %s", kts_code_get_name (kts_coding_get_code (coding)),
                             kts_practice_outcome_get_label (entry->item->outcome));
      label = gtk_label_new (text);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* The rails keep their width, so that they line up from turn to turn. */
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "outcome-chip");
      gtk_widget_add_css_class (button, outcomes[entry->item->outcome].css);
      if ((int)entry->index == self->selected)
        gtk_widget_add_css_class (button, "selected-span");
      g_object_set_data (G_OBJECT (button), "kts-index", GUINT_TO_POINTER (entry->index));
      g_signal_connect (button, "clicked", G_CALLBACK (chip_clicked_cb), self);
      gtk_box_append (GTK_BOX (chips), button);
    }
}

static void
refresh_turn_row (KtsPracticeCompareView *self, GtkWidget *row)
{
  int              turn = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kts-turn")) - 1;
  GtkWidget       *header = g_object_get_data (G_OBJECT (row), "kts-header");
  GtkWidget       *text = g_object_get_data (G_OBJECT (row), "kts-text");
  g_autofree char *markup = NULL;
  g_autofree char *head = NULL;

  if (turn < 0 || self->document == NULL || self->per_turn[0] == NULL
      || (guint)turn >= self->per_turn[0]->len)
    return;

  if (kts_document_get_n_turns (self->document) > 0)
    {
      const KtsTurn *t = kts_document_get_turn (self->document, (guint)turn);
      const char    *speaker
          = t->speaker >= 0 ? kts_document_get_speaker (self->document, (guint)t->speaker)->label
                            : NULL;

      /* Translators: above a turn: "Turn 12 · C" */
      head = speaker != NULL ? g_strdup_printf (_ ("Turn %d · %s"), turn + 1, speaker)
                             : g_strdup_printf (_ ("Turn %d"), turn + 1);
    }
  gtk_label_set_text (GTK_LABEL (header), head != NULL ? head : "");
  gtk_widget_set_visible (header, head != NULL);
  markup = turn_markup (self, turn);
  gtk_label_set_markup (GTK_LABEL (text), markup);

  for (int side = 0; side < N_SIDES; side++)
    {
      GtkWidget *area
          = g_object_get_data (G_OBJECT (row), side == SIDE_STUDENT ? "kts-area-0" : "kts-area-1");
      GtkWidget *chips = g_object_get_data (G_OBJECT (row),
                                            side == SIDE_STUDENT ? "kts-chips-0" : "kts-chips-1");
      RailData  *data = g_object_get_data (G_OBJECT (area), "kts-rail-data");

      data->turn = turn;
      fill_chips (self, chips, side, turn);
      gtk_widget_queue_draw (area);
    }
}

static void
bind_turn_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsPracticeCompareView *self)
{
  GtkWidget       *row = gtk_list_item_get_child (item);
  KtsPracticeTurn *turn = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (row), "kts-turn", GINT_TO_POINTER ((int)turn->index + 1));
  g_hash_table_add (self->turn_rows, row);
  refresh_turn_row (self, row);
}

static void
unbind_turn_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsPracticeCompareView *self)
{
  g_hash_table_remove (self->turn_rows, gtk_list_item_get_child (item));
}

/* ---- the list of spans --------------------------------------------------------------------- */

static GtkWidget *
link_button (const char *label, const char *action, const char *target, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "practice-link");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (target));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))),
                           PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  return button;
}

static GtkWidget *
code_line (const char *who, KtsCoding *coding)
{
  KtsCode         *code = kts_coding_get_code (coding);
  g_autofree char *key = code_label (code);
  g_autofree char *esc_who = g_markup_escape_text (who, -1);
  g_autofree char *esc_key = g_markup_escape_text (key, -1);
  g_autofree char *esc_name = g_markup_escape_text (kts_code_get_name (code), -1);
  g_autofree char *markup = NULL;
  GtkWidget       *label;

  /* Translators: "Reference  RUP.W.appeasing  Appeasing" (who, key, name) */
  markup = g_strdup_printf (_ ("<b>%s</b>  <tt>%s</tt>  %s"), esc_who, esc_key, esc_name);
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_span_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsPracticeCompareView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (box, "practice-span");
  gtk_list_item_set_child (item, box);
}

static void
bind_span_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsPracticeCompareView *self)
{
  GtkWidget        *box = gtk_list_item_get_child (item);
  KtsPracticeEntry *entry = gtk_list_item_get_item (item);
  KtsPracticeItem  *it = entry->item;
  GtkWidget        *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget        *where;
  GtkWidget        *links = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget        *child;
  g_autofree char  *where_text = NULL;
  g_autofree char  *passage = NULL;
  KtsCoding        *quoted = it->reference != NULL ? it->reference : it->student;
  KtsCode          *ref_code = it->reference != NULL ? kts_coding_get_code (it->reference) : NULL;
  KtsCode          *stu_code = it->student != NULL ? kts_coding_get_code (it->student) : NULL;
  KtsCoder         *student = kts_practice_set_get_student_coder (self->report->set);

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  gtk_box_append (GTK_BOX (head), outcome_label (it->outcome));
  if (it->turn >= 0 && entry->speaker >= 0)
    /* Translators: "RUP · turn 4 · C" */
    where_text
        = g_strdup_printf (_ ("%s · turn %d · %s"), it->layer, it->turn + 1,
                           kts_document_get_speaker (self->document, (guint)entry->speaker)->label);
  else if (it->turn >= 0)
    where_text = g_strdup_printf (_ ("%s · turn %d"), it->layer, it->turn + 1);
  else
    where_text = g_strdup (it->layer);
  where = gtk_label_new (where_text);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  gtk_box_append (GTK_BOX (head), where);
  gtk_box_append (GTK_BOX (box), head);

  if (it->reference != NULL)
    gtk_box_append (GTK_BOX (box), code_line (_ ("Reference"), it->reference));
  if (it->student != NULL)
    gtk_box_append (
        GTK_BOX (box),
        code_line (student != NULL ? kts_coder_get_name (student) : _ ("Student"), it->student));

  if (quoted != NULL)
    {
      g_autofree char *text = kts_coding_dup_text (quoted);
      GtkWidget       *label;

      g_strdelimit (text, "\n\r\t", ' ');
      passage = g_strdup_printf ("“%s”", g_strstrip (text));
      label = gtk_label_new (passage);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  /* Links: the definitions, then the contrast cards. */
  for (int k = 0; k < 2; k++)
    {
      KtsCode         *code = k == 0 ? ref_code : stu_code;
      g_autofree char *tip = NULL;
      g_autofree char *label = NULL;

      if (code == NULL || (k == 1 && code == ref_code))
        continue;
      /* The reference's definition, and the student's when it differs. */
      label = ref_code != NULL && stu_code != NULL && ref_code != stu_code
                  ? g_strdup_printf (_ ("Definition: %s"), kts_code_get_name (code))
                  : g_strdup (_ ("Definition"));
      tip = g_strdup_printf (_ ("Show “%s” in the Codebook"), kts_code_get_name (code));
      gtk_box_append (GTK_BOX (links), link_button (label, "win.show-code",
                                                    kts_item_get_guid (KTS_ITEM (code)), tip));
    }
  for (guint c = 0; it->cards != NULL && c < it->cards->len; c++)
    {
      const KtsContrastCard *card = g_ptr_array_index (it->cards, c);
      g_autofree char       *label = g_strdup_printf (_ ("Card: %s"), card->title);
      GtkWidget             *button
          = link_button (label, "win.show-card", card->id, _ ("Show this contrast card"));

      gtk_box_append (GTK_BOX (links), button);
    }
  gtk_box_append (GTK_BOX (box), links);
}

/* ---- the score card ------------------------------------------------------------------------- */

static char *
format_ratio (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.2f", value);
}

static void
grid_cell (GtkWidget *grid, int column, int row, const char *text, const char *css, gboolean bold)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (GTK_GRID (grid), label, column, row, 1, 1);
}

static void
score_row (GtkWidget *grid, int row, const KtsPracticeScore *score)
{
  const guint  counts[] = { score->n_reference, score->n_student, score->hits,  score->partials,
                            score->wrong_codes, score->misses,    score->extras };
  const double ratios[]
      = { score->precision, score->recall, score->f1, score->lenient, score->mean_iou };
  gboolean overall = score->layer == NULL;
  int      column = 0;

  grid_cell (grid, column++, row, overall ? _ ("All layers") : score->layer, NULL, overall);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", counts[i]);
      grid_cell (grid, column++, row, text, NULL, overall);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
    {
      g_autofree char *text = format_ratio (ratios[i]);
      grid_cell (grid, column++, row, text, i == 0 ? "group-start" : NULL, overall);
    }
}

static void
fill_score_card (KtsPracticeCompareView *self)
{
  static const struct
  {
    const char *title;
    const char *tip;
  } headers[] = {
    { N_ ("Layer"), NULL },
    { N_ ("Reference"), N_ ("Spans of the reference") },
    { N_ ("Yours"), N_ ("Spans of the student") },
    { N_ ("✓ Hits"), N_ ("Same code, overlapping spans") },
    { N_ ("◐ Partial"), N_ ("A sibling code (same parent, another leaf)") },
    { N_ ("✗ Wrong"), N_ ("Another code of the layer, or one a contrast card sets beside it") },
    { N_ ("○ Missed"), N_ ("Reference spans without a partner") },
    { N_ ("+ Extra"), N_ ("Your spans without a partner") },
    { N_ ("Precision"), N_ ("Hits ÷ your spans (strict)") },
    { N_ ("Recall"), N_ ("Hits ÷ reference spans: the strict score") },
    { N_ ("F1"), N_ ("Harmonic mean of precision and recall") },
    { N_ ("Lenient"), N_ ("Partial credit per reference span: same code 1, sibling 0.5, same "
                          "branch 0.25") },
    { N_ ("Mean IoU"), N_ ("How well the boundaries of the hits agree (intersection ÷ union)") },
  };
  GtkWidget *child;
  int        row = 1;

  while ((child = gtk_widget_get_first_child (self->score_grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->score_grid), child);
  gtk_widget_set_visible (self->pass_label, FALSE);
  if (self->report == NULL)
    return;
  if (kts_practice_set_get_pass_threshold (self->report->set) >= 0 && self->report->overall != NULL)
    {
      KtsPracticeSet  *set = self->report->set;
      double           threshold = kts_practice_set_get_pass_threshold (set);
      double           f1 = self->report->overall->f1;
      g_autofree char *text = NULL;

      if (kts_practice_set_passes (set, f1))
        /* Translators: on the score card of a practice set with a pass threshold */
        text = g_strdup_printf (_ ("✓ Passed — your F1 of %.2f reaches this set’s pass mark of "
                                   "%.2f."),
                                f1, threshold);
      else if (isnan (f1))
        text = g_strdup_printf (_ ("Not yet — this set passes at F1 %.2f. The spans below show "
                                   "what to look at next."),
                                threshold);
      else
        text = g_strdup_printf (_ ("Not yet — your F1 is %.2f and this set passes at %.2f. The "
                                   "discrepancies below show what to look at next."),
                                f1, threshold);
      gtk_label_set_text (GTK_LABEL (self->pass_label), text);
      gtk_widget_set_visible (self->pass_label, TRUE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      GtkWidget *label = gtk_label_new (_ (headers[i].title));

      gtk_label_set_xalign (GTK_LABEL (label), i == 0 ? 0 : 1);
      gtk_widget_add_css_class (label, "caption-heading");
      if (i == 8)
        gtk_widget_add_css_class (label, "group-start");
      if (headers[i].tip != NULL)
        gtk_widget_set_tooltip_text (label, _ (headers[i].tip));
      gtk_grid_attach (GTK_GRID (self->score_grid), label, (int)i, 0, 1, 1);
    }
  for (guint i = 0; i < self->report->scores->len; i++)
    score_row (self->score_grid, row++, g_ptr_array_index (self->report->scores, i));
  if (self->report->overall != NULL)
    score_row (self->score_grid, row, self->report->overall);
}

/* ---- the report ---------------------------------------------------------------------------- */

static GtkStringList *
string_list (GPtrArray *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  return list;
}

static int
compare_codes (gconstpointer a, gconstpointer b)
{
  KtsCode         *ca = *(KtsCode **)a;
  KtsCode         *cb = *(KtsCode **)b;
  g_autofree char *ka = code_label (ca);
  g_autofree char *kb = code_label (cb);

  return g_utf8_collate (ka, kb);
}

static void
fill_filters (KtsPracticeCompareView *self)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GtkStringList) layers = NULL;
  g_autoptr (GtkStringList) speakers = NULL;
  g_autoptr (GtkStringList) codes = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_clear_pointer (&self->layer_values, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_values, g_array_unref);
  g_clear_pointer (&self->code_values, g_ptr_array_unref);
  self->layer_values = g_ptr_array_new_with_free_func (g_free);
  self->speaker_values = g_array_new (FALSE, FALSE, sizeof (int));
  self->code_values = g_ptr_array_new ();

  /* Layers: those of the score card. */
  g_ptr_array_add (labels, g_strdup (_ ("All Layers")));
  g_ptr_array_add (self->layer_values, NULL);
  for (guint i = 0; self->report != NULL && i < self->report->scores->len; i++)
    {
      const KtsPracticeScore *score = g_ptr_array_index (self->report->scores, i);

      g_ptr_array_add (labels, g_strdup (score->layer));
      g_ptr_array_add (self->layer_values, g_strdup (score->layer));
    }
  layers = string_list (labels);
  g_ptr_array_set_size (labels, 0);

  /* Speakers of the transcript. */
  {
    int all = KTS_PRACTICE_FILTER_ALL;

    g_ptr_array_add (labels, g_strdup (_ ("All Speakers")));
    g_array_append_val (self->speaker_values, all);
  }
  for (guint s = 0; self->document != NULL && s < kts_document_get_n_speakers (self->document); s++)
    {
      int index = (int)s;

      g_ptr_array_add (labels, g_strdup (kts_document_get_speaker (self->document, s)->label));
      g_array_append_val (self->speaker_values, index);
    }
  speakers = string_list (labels);
  g_ptr_array_set_size (labels, 0);

  /* Codes that occur in the comparison, by key. */
  for (guint i = 0; self->report != NULL && i < self->report->items->len; i++)
    {
      KtsPracticeItem *item = g_ptr_array_index (self->report->items, i);

      for (int side = 0; side < N_SIDES; side++)
        {
          KtsCoding *coding = side_coding (item, side);

          if (coding != NULL && g_hash_table_add (seen, kts_coding_get_code (coding)))
            g_ptr_array_add (self->code_values, kts_coding_get_code (coding));
        }
    }
  g_ptr_array_sort (self->code_values, compare_codes);
  g_ptr_array_insert (self->code_values, 0, NULL);
  g_ptr_array_add (labels, g_strdup (_ ("All Codes")));
  for (guint i = 1; i < self->code_values->len; i++)
    g_ptr_array_add (labels, code_label (g_ptr_array_index (self->code_values, i)));
  codes = string_list (labels);

  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->layer_dropdown), G_LIST_MODEL (layers));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->speaker_dropdown), G_LIST_MODEL (speakers));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->code_dropdown), G_LIST_MODEL (codes));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->layer_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speaker_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->code_dropdown), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->outcome_dropdown), 0);
  self->updating = FALSE;
}

static void
fill_header (KtsPracticeCompareView *self)
{
  KtsPracticeSet  *set = self->report != NULL ? self->report->set : NULL;
  g_autofree char *layers = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *heading = NULL;
  KtsCoder        *student;
  KtsCoder        *reference;

  if (set == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->title_label), "");
      gtk_label_set_text (GTK_LABEL (self->subtitle_label), "");
      return;
    }
  student = kts_practice_set_get_student_coder (set);
  reference = kts_practice_set_get_reference_coder (set);
  layers = kts_practice_set_dup_layers_label (set);
  if (kts_practice_set_get_submitted (set) > 0)
    {
      g_autoptr (GDateTime) dt
          = g_date_time_new_from_unix_local (kts_practice_set_get_submitted (set));
      /* Translators: when a practice set was submitted, see g_date_time_format() */
      when = g_date_time_format (dt, _ ("%-d %B %Y, %H:%M"));
    }
  gtk_label_set_text (GTK_LABEL (self->title_label), kts_practice_set_get_title (set));
  /* Translators: "Ann’s coding of “Session 9” against Reference · RUP, SD · submitted 3 May 2026,
   * 14:02" */
  subtitle = g_strdup_printf (_ ("%s’s coding of “%s” against %s · %s · submitted %s"),
                              student != NULL ? kts_coder_get_name (student) : _ ("Student"),
                              kts_document_get_title (self->document),
                              reference != NULL ? kts_coder_get_name (reference) : _ ("Reference"),
                              layers, when != NULL ? when : "");
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle);
  heading = g_strdup (student != NULL ? kts_coder_get_name (student) : _ ("Student"));
  gtk_label_set_text (GTK_LABEL (self->student_heading), heading);
}

void
kts_practice_compare_view_set_report (KtsPracticeCompareView *self,
                                      KtsProject             *project,
                                      KtsPracticeReport      *report)
{
  guint n_turns;

  g_return_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  g_hash_table_remove_all (self->turn_rows);
  g_list_store_remove_all (self->turns);
  g_list_store_remove_all (self->entries);
  for (int side = 0; side < N_SIDES; side++)
    g_clear_pointer (&self->per_turn[side], g_ptr_array_unref);
  g_clear_pointer (&self->report, kts_practice_report_free);
  g_clear_object (&self->document);
  g_set_object (&self->project, project);
  self->report = report;
  self->selected = -1;

  if (report != NULL)
    {
      self->document = g_object_ref (kts_practice_set_get_document (report->set));
      n_turns = MAX (kts_document_get_n_turns (self->document), 1);
      self->n_turns = n_turns;
      for (int side = 0; side < N_SIDES; side++)
        {
          self->per_turn[side] = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
          for (guint t = 0; t < n_turns; t++)
            g_ptr_array_add (self->per_turn[side], g_ptr_array_new ());
        }
      for (guint i = 0; i < report->items->len; i++)
        {
          g_autoptr (KtsPracticeEntry) entry = g_object_new (KTS_TYPE_PRACTICE_ENTRY, NULL);
          KtsPracticeItem *item = g_ptr_array_index (report->items, i);

          entry->item = item;
          entry->index = i;
          entry->speaker = -1;
          for (int side = 0; side < N_SIDES; side++)
            {
              KtsCoding *coding = side_coding (item, side);

              entry->first[side] = entry->last[side] = -1;
              if (coding == NULL)
                continue;
              entry->first[side] = turn_at (self->document, kts_coding_get_start (coding));
              entry->last[side]
                  = MAX (entry->first[side],
                         turn_at (self->document, MAX (kts_coding_get_end (coding), 1) - 1));
            }
          if (item->turn >= 0 && (guint)item->turn < kts_document_get_n_turns (self->document))
            entry->speaker = kts_document_get_turn (self->document, (guint)item->turn)->speaker;
          g_list_store_append (self->entries, entry);
        }
      {
        g_autoptr (GPtrArray) turns = g_ptr_array_new_with_free_func (g_object_unref);

        for (guint t = 0; t < n_turns; t++)
          {
            KtsPracticeTurn *turn = g_object_new (KTS_TYPE_PRACTICE_TURN, NULL);

            turn->index = t;
            g_ptr_array_add (turns, turn);
          }
        g_list_store_splice (self->turns, 0, 0, turns->pdata, turns->len);
      }
    }

  fill_header (self);
  fill_score_card (self);
  fill_filters (self);
  refilter (self);
  self->updating = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

KtsPracticeReport *
kts_practice_compare_view_get_report (KtsPracticeCompareView *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self), NULL);
  return self->report;
}

static guint
position_of_value (GPtrArray *values, gconstpointer value, GEqualFunc equal)
{
  for (guint i = 1; values != NULL && value != NULL && i < values->len; i++)
    if (equal (g_ptr_array_index (values, i), value))
      return i;
  return 0;
}

void
kts_practice_compare_view_set_filter (
    KtsPracticeCompareView *self, const char *layer, int speaker, KtsCode *code, int outcome)
{
  guint speaker_pos = 0;
  guint outcome_pos = 0;

  g_return_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self));

  for (guint i = 1; self->speaker_values != NULL && i < self->speaker_values->len; i++)
    if (g_array_index (self->speaker_values, int, i) == speaker)
      speaker_pos = i;
  if (outcome == KTS_PRACTICE_FILTER_DISCREPANCIES)
    outcome_pos = 1;
  else if (outcome >= 0 && outcome < (int)G_N_ELEMENTS (outcomes))
    outcome_pos = (guint)outcome + 2;

  self->updating = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->layer_dropdown),
                              position_of_value (self->layer_values, layer, g_str_equal));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speaker_dropdown), speaker_pos);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->code_dropdown),
                              position_of_value (self->code_values, code, g_direct_equal));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->outcome_dropdown), outcome_pos);
  self->updating = FALSE;
  refilter (self);
}

GArray *
kts_practice_compare_view_dup_shown_items (KtsPracticeCompareView *self)
{
  GArray     *shown = g_array_new (FALSE, FALSE, sizeof (guint));
  GListModel *model;

  g_return_val_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self), shown);

  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (KtsPracticeEntry) entry = g_list_model_get_item (model, i);
      g_array_append_val (shown, entry->index);
    }
  return shown;
}

void
kts_practice_compare_view_select_item (KtsPracticeCompareView *self, guint index)
{
  g_return_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self));
  select_entry (self, index, TRUE);
}

int
kts_practice_compare_view_get_selected_item (KtsPracticeCompareView *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self), -1);
  return self->selected;
}

/* ---- building ----------------------------------------------------------------------------------
 */

static GtkWidget *
filter_dropdown (KtsPracticeCompareView *self, const char *a11y)
{
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  gtk_widget_set_tooltip_text (dropdown, a11y);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  return dropdown;
}

static GtkWidget *
rail_heading (const char *text, int width)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  if (width > 0)
    gtk_widget_set_size_request (label, width, -1);
  return label;
}

static void
build (KtsPracticeCompareView *self)
{
  GtkWidget          *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget          *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget          *note;
  GtkWidget          *filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget          *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget          *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget          *rail_header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget          *scrolled, *score_scrolled;
  GtkListItemFactory *factory;
  g_autoptr (GtkStringList) outcome_labels = gtk_string_list_new (NULL);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* Title. */
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->title_label, "title-2");
  self->subtitle_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle_label), TRUE);
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
  gtk_box_append (GTK_BOX (header), self->title_label);
  gtk_box_append (GTK_BOX (header), self->subtitle_label);
  gtk_widget_add_css_class (header, "practice-compare-header");
  gtk_box_append (GTK_BOX (self->box), header);

  /* The score card, and why it cannot be gamed by coding more. */
  self->score_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->score_grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (self->score_grid), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->score_grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Score card"), -1);
  score_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (score_scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (score_scrolled), self->score_grid);
  /* The card claims its full width before the trend beside it does. */
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (score_scrolled), TRUE);
  gtk_box_append (GTK_BOX (card), score_scrolled);
  self->pass_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->pass_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->pass_label), 0);
  gtk_widget_add_css_class (self->pass_label, "heading");
  gtk_widget_set_visible (self->pass_label, FALSE);
  gtk_box_append (GTK_BOX (card), self->pass_label);
  note = gtk_label_new (
      _ ("No figure here rises when you code more: an extra span only adds to your spans, so it "
         "lowers precision and F1 and leaves recall, lenient score and IoU as they were — "
         "metacommunication codes are scored like any other."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (card), note);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "practice-score-card");
  gtk_widget_set_hexpand (card, TRUE);
  {
    /* The score card, and beside it the trend across the student's sets. */
    GtkWidget *cards = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    self->trend_view = kts_practice_trend_view_new ();
    gtk_widget_set_size_request (self->trend_view, 300, -1);
    gtk_widget_add_css_class (self->trend_view, "card");
    gtk_widget_add_css_class (self->trend_view, "practice-trend-card");
    gtk_box_append (GTK_BOX (cards), card);
    gtk_box_append (GTK_BOX (cards), self->trend_view);
    gtk_widget_add_css_class (cards, "practice-cards");
    gtk_box_append (GTK_BOX (self->box), cards);
  }

  /* Filters. */
  self->layer_dropdown = filter_dropdown (self, _ ("Layer"));
  self->speaker_dropdown = filter_dropdown (self, _ ("Speaker"));
  self->code_dropdown = filter_dropdown (self, _ ("Code"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->code_dropdown), TRUE);
  {
    /* The drop-down takes a reference of its own. */
    g_autoptr (GtkExpression) expression
        = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

    gtk_drop_down_set_expression (GTK_DROP_DOWN (self->code_dropdown), expression);
  }
  gtk_string_list_append (outcome_labels, _ ("All Outcomes"));
  gtk_string_list_append (outcome_labels, _ ("Discrepancies"));
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", outcomes[i].symbol, _ (outcomes[i].label));
      gtk_string_list_append (outcome_labels, text);
    }
  self->outcome_dropdown = filter_dropdown (self, _ ("Outcome"));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->outcome_dropdown), G_LIST_MODEL (outcome_labels));
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_set_hexpand (self->count_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 1);
  gtk_box_append (GTK_BOX (filters), self->layer_dropdown);
  gtk_box_append (GTK_BOX (filters), self->speaker_dropdown);
  gtk_box_append (GTK_BOX (filters), self->code_dropdown);
  gtk_box_append (GTK_BOX (filters), self->outcome_dropdown);
  gtk_box_append (GTK_BOX (filters), self->count_label);
  gtk_widget_add_css_class (filters, "practice-filters");
  gtk_box_append (GTK_BOX (self->box), filters);

  /* The turns with the two rails. */
  self->student_heading = rail_heading (_ ("Student"), RAIL_WIDTH);
  gtk_box_append (GTK_BOX (rail_header), self->student_heading);
  gtk_box_append (GTK_BOX (rail_header), rail_heading (_ ("Reference"), RAIL_WIDTH));
  gtk_box_append (GTK_BOX (rail_header), rail_heading (_ ("Transcript"), -1));
  gtk_widget_add_css_class (rail_header, "practice-rail-header");
  gtk_box_append (GTK_BOX (left), rail_header);

  self->turns = g_list_store_new (KTS_TYPE_PRACTICE_TURN);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_turn_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_turn_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_turn_cb), self);
  self->turns_view = gtk_list_view_new (
      GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->turns)))),
      factory);
  gtk_widget_add_css_class (self->turns_view, "practice-turns");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->turns_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Transcript with the student’s and the reference’s codings"),
                                  -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->turns_view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (left), scrolled);
  gtk_paned_set_start_child (GTK_PANED (paned), left);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);

  /* The spans. */
  self->entries = g_list_store_new (KTS_TYPE_PRACTICE_ENTRY);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_cb, self, NULL));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (gtk_filter_list_model_new (
      G_LIST_MODEL (g_object_ref (self->entries)), g_object_ref (self->filter))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (spans_selected_cb),
                            self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_span_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_span_cb), self);
  self->spans_view
      = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_widget_add_css_class (self->spans_view, "practice-spans");
  gtk_widget_add_css_class (self->spans_view, "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spans_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Spans compared"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->spans_view);
  gtk_widget_set_size_request (scrolled, 340, -1);
  gtk_paned_set_end_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (self->box), paned);
}

static void
kts_practice_compare_view_dispose (GObject *object)
{
  KtsPracticeCompareView *self = KTS_PRACTICE_COMPARE_VIEW (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (kts_practice_compare_view_parent_class)->dispose (object);
}

static void
kts_practice_compare_view_finalize (GObject *object)
{
  KtsPracticeCompareView *self = KTS_PRACTICE_COMPARE_VIEW (object);

  for (int side = 0; side < N_SIDES; side++)
    g_clear_pointer (&self->per_turn[side], g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->entries);
  g_clear_object (&self->turns);
  g_clear_pointer (&self->report, kts_practice_report_free);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_pointer (&self->turn_rows, g_hash_table_unref);
  g_clear_pointer (&self->layer_values, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_values, g_array_unref);
  g_clear_pointer (&self->code_values, g_ptr_array_unref);
  G_OBJECT_CLASS (kts_practice_compare_view_parent_class)->finalize (object);
}

static void
kts_practice_compare_view_class_init (KtsPracticeCompareViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_practice_compare_view_dispose;
  object_class->finalize = kts_practice_compare_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "practicecompare");
}

static void
kts_practice_compare_view_init (KtsPracticeCompareView *self)
{
  self->selected = -1;
  self->turn_rows = g_hash_table_new (NULL, NULL);
  build (self);
}

GtkWidget *
kts_practice_compare_view_new (void)
{
  return g_object_new (KTS_TYPE_PRACTICE_COMPARE_VIEW, NULL);
}

void
kts_practice_compare_view_set_trend (KtsPracticeCompareView *self,
                                     GPtrArray              *trend,
                                     KtsPracticeSet         *current)
{
  g_return_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self));

  kts_practice_trend_view_set_trend (KTS_PRACTICE_TREND_VIEW (self->trend_view), trend, current);
}

KtsPracticeTrendView *
kts_practice_compare_view_get_trend_view (KtsPracticeCompareView *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self), NULL);

  return KTS_PRACTICE_TREND_VIEW (self->trend_view);
}

const char *
kts_practice_compare_view_get_pass_text (KtsPracticeCompareView *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_COMPARE_VIEW (self), NULL);

  return gtk_widget_get_visible (self->pass_label)
             ? gtk_label_get_text (GTK_LABEL (self->pass_label))
             : NULL;
}
