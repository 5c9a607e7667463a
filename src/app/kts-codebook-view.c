/* kts-codebook-view.c: the Codebook view: browse, learn and edit the coding scheme.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-codebook-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kts-blatt-ladder.h"
#include "kts-code-detail.h"
#include "kts-codebook-guide.h"
#include "kts-codebook-view-private.h"
#include "kts-codebook-view.h"
#include "kts-color-swatch.h"
#include "kts-contrast-card.h"
#include "kts-crosswalk-table.h"
#include "kts-project-io.h"

/* Pages that are rebuilt when they are next shown. */
enum
{
  DIRTY_LADDERS = 1 << 0,
  DIRTY_CROSSWALK = 1 << 1,
  DIRTY_CARDS = 1 << 2,
  DIRTY_VERSIONS = 1 << 3,
  DIRTY_ALL = 0xf
};

struct _KtsCodebookView
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget     *box;
  GtkWidget     *title_label;
  GtkWidget     *subtitle_label;
  GtkWidget     *lock_switch;
  GtkWidget     *stack;
  GtkWidget     *search_entry;
  GtkWidget     *tree_stack;
  GtkWidget     *tree_view;
  GtkWidget     *detail_stack;
  KtsCodeDetail *detail;
  GtkWidget     *ladders_stack;
  GtkWidget     *ladders_box;
  GtkWidget     *crosswalk_box;
  GtkWidget     *cards_intro;
  GtkWidget     *cards_box;
  GtkWidget     *version_title;
  GtkWidget     *changelog_list;

  GtkWidget *sd_ladder;
  GtkWidget *rel_ladder;

  KtsProject         *project;
  KtsCodebookGuide   *guide;
  GSignalGroup       *project_signals;
  GSignalGroup       *codebook_signals;
  GtkSingleSelection *selection;
  GtkFilter          *filter;
  GHashTable         *search_set; /* KtsCode → itself: what a search leaves visible */
  char               *structure;
  KtsCode            *shown; /* the code whose page is shown */
  guint               dirty;
  guint               refresh_source;
  gboolean            updating_lock;
};

G_DEFINE_FINAL_TYPE (KtsCodebookView, kts_codebook_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_SELECTED_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_tree (KtsCodebookView *self);
static void update_page (KtsCodebookView *self);

static void
toast (KtsCodebookView *self, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_message ("%s", title);
}

static KtsCodebook *
codebook (KtsCodebookView *self)
{
  return self->project != NULL ? kts_project_get_codebook (self->project) : NULL;
}

static KtsCode *
item_get_code (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    return KTS_CODE (gtk_tree_list_row_get_item (item)); /* transfer full */
  if (KTS_IS_CODE (item))
    return g_object_ref (item);
  return NULL;
}

/* ---- search ------------------------------------------------------------------ */

static gboolean
code_matches (KtsCode *code, char **words)
{
  g_autofree char *text = g_strjoin (
      " ", kts_code_get_name (code), kts_code_get_key (code) != NULL ? kts_code_get_key (code) : "",
      kts_code_get_definition (code) != NULL ? kts_code_get_definition (code) : "", NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Every code that matches each word of @query in its name, key or
 * definition, and their parents, or NULL when @query is empty. */
static GHashTable *
search (KtsCodebookView *self, const char *query)
{
  g_autofree char *folded = g_utf8_casefold (query != NULL ? query : "", -1);
  g_auto (GStrv) words = NULL;
  g_autoptr (GPtrArray) codes = NULL;
  GHashTable *set;

  g_strstrip (folded);
  if (*folded == '\0')
    return NULL;

  words = g_strsplit_set (folded, " \t", -1);
  codes = kts_codebook_list_codes (codebook (self));
  set = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);

      if (!code_matches (code, words))
        continue;
      for (KtsCode *c = code; c != NULL; c = kts_code_get_parent (c))
        g_hash_table_add (set, c);
    }
  return set;
}

static gboolean
code_visible (KtsCodebookView *self, KtsCode *code)
{
  if (self->project == NULL || kts_project_hides_code (self->project, code))
    return FALSE;
  return self->search_set == NULL || g_hash_table_contains (self->search_set, code);
}

static gboolean
filter_cb (gpointer item, gpointer user_data)
{
  return code_visible (user_data, KTS_CODE (item));
}

/* ---- the tree ------------------------------------------------------------------ */

static GListModel *
create_children_cb (gpointer item, gpointer user_data)
{
  KtsCodebookView *self = user_data;
  GListModel      *children = kts_code_get_children (KTS_CODE (item));
  gboolean         any = FALSE;

  /* Whether a row can expand is fixed when it is made, so the tree is
   * rebuilt when the structure, the search or the lock change. */
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children) && !any; i++)
    {
      g_autoptr (KtsCode) child = g_list_model_get_item (children, i);
      any = code_visible (self, child);
    }
  if (!any)
    return NULL;
  return G_LIST_MODEL (
      gtk_filter_list_model_new (g_object_ref (children), g_object_ref (self->filter)));
}

static char *
structure_signature (KtsCodebook *book)
{
  g_autoptr (GPtrArray) codes = kts_codebook_list_codes (book);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);
      KtsCode *parent = kts_code_get_parent (code);

      g_string_append (s, kts_item_get_guid (KTS_ITEM (code)));
      g_string_append_c (s, '<');
      if (parent != NULL)
        g_string_append (s, kts_item_get_guid (KTS_ITEM (parent)));
      g_string_append_c (s, ';');
    }
  return g_string_free (s, FALSE);
}

static void
show_detail (KtsCodebookView *self, KtsCode *code)
{
  const char *page;

  if (code != self->shown)
    {
      g_set_object (&self->shown, code);
      self->dirty |= DIRTY_LADDERS;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CODE]);
    }
  if (self->project == NULL || kts_codebook_get_n_codes (codebook (self)) == 0)
    page = "empty";
  else if (code == NULL)
    page = "none";
  else if (kts_project_hides_code (self->project, code))
    page = "locked";
  else
    page = "code";

  kts_code_detail_set_code (self->detail, self->project, self->guide,
                            g_str_equal (page, "code") ? code : NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), page);
}

static void
selection_changed_cb (KtsCodebookView *self)
{
  g_autoptr (KtsCode) code = NULL;
  gpointer item
      = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  code = item_get_code (item);
  if (code != NULL)
    show_detail (self, code);
}

static void
update_tree_stack (KtsCodebookView *self)
{
  const char *page = "tree";

  if (self->project == NULL || kts_codebook_get_n_codes (codebook (self)) == 0)
    page = "empty";
  else if (self->selection == NULL
           || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    page = "no-results";
  gtk_stack_set_visible_child_name (GTK_STACK (self->tree_stack), page);
}

static void
rebuild_tree (KtsCodebookView *self)
{
  g_autoptr (GListModel) roots = NULL;
  GtkTreeListModel *tree;

  g_clear_pointer (&self->search_set, g_hash_table_unref);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->tree_view), NULL);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->structure, g_free);

  if (self->project != NULL)
    {
      self->structure = structure_signature (codebook (self));
      self->search_set = search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      roots = G_LIST_MODEL (gtk_filter_list_model_new (
          g_object_ref (kts_codebook_get_roots (codebook (self))), g_object_ref (self->filter)));
      tree = gtk_tree_list_model_new (g_steal_pointer (&roots), FALSE, self->search_set != NULL,
                                      create_children_cb, self, NULL);
      self->selection = gtk_single_selection_new (G_LIST_MODEL (tree));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_swapped (self->selection, "notify::selected-item",
                                G_CALLBACK (selection_changed_cb), self);
      gtk_list_view_set_model (GTK_LIST_VIEW (self->tree_view),
                               GTK_SELECTION_MODEL (self->selection));
    }
  update_tree_stack (self);
}

/* Expands the parents of @code and selects its row; FALSE if it is not in
 * the tree. */
static gboolean
select_in_tree (KtsCodebookView *self, KtsCode *code)
{
  GListModel *rows;
  g_autoptr (GPtrArray) chain = g_ptr_array_new ();
  guint start = 0;

  if (self->selection == NULL)
    return FALSE;
  rows = gtk_single_selection_get_model (self->selection);
  for (KtsCode *c = code; c != NULL; c = kts_code_get_parent (c))
    g_ptr_array_insert (chain, 0, c);

  for (guint level = 0; level < chain->len; level++)
    {
      KtsCode *wanted = g_ptr_array_index (chain, level);
      guint    n = g_list_model_get_n_items (rows);
      gboolean found = FALSE;

      for (guint i = start; i < n && !found; i++)
        {
          g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
          g_autoptr (KtsCode) c = item_get_code (row);

          if (c != wanted)
            continue;
          found = TRUE;
          if (wanted != code)
            gtk_tree_list_row_set_expanded (row, TRUE);
          else
            {
              gtk_single_selection_set_selected (self->selection, i);
              gtk_widget_activate_action (self->tree_view, "list.scroll-to-item", "u", i);
            }
          start = i + 1;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
row_update_cb (GtkWidget *box, GParamSpec *pspec, KtsCode *code)
{
  GtkWidget  *swatch = g_object_get_data (G_OBJECT (box), "kts-swatch");
  GtkWidget  *name = g_object_get_data (G_OBJECT (box), "kts-name");
  GtkWidget  *key = g_object_get_data (G_OBJECT (box), "kts-key");
  const char *k = kts_code_get_key (code);

  kts_color_swatch_set_color (KTS_COLOR_SWATCH (swatch), kts_code_get_color (code));
  gtk_label_set_text (GTK_LABEL (name), kts_code_get_name (code));
  gtk_label_set_text (GTK_LABEL (key), k != NULL ? k : "");
  gtk_widget_set_visible (key, k != NULL);
  if (kts_code_get_codable (code))
    gtk_widget_remove_css_class (box, "category");
  else
    gtk_widget_add_css_class (box, "category");
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsCodebookView *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *swatch = kts_color_swatch_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *key = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "code-name");
  gtk_label_set_xalign (GTK_LABEL (key), 0);
  gtk_label_set_ellipsize (GTK_LABEL (key), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (key, "code-key");
  gtk_widget_add_css_class (key, "dim-label");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), key);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_widget_add_css_class (box, "codebook-tree-row");
  g_object_set_data (G_OBJECT (box), "kts-swatch", swatch);
  g_object_set_data (G_OBJECT (box), "kts-name", name);
  g_object_set_data (G_OBJECT (box), "kts-key", key);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsCodebookView *self)
{
  GtkWidget      *expander = gtk_list_item_get_child (item);
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget      *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  g_autoptr (KtsCode) code = item_get_code (row);
  gulong id;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  if (code == NULL)
    return;
  row_update_cb (box, NULL, code);
  id = g_signal_connect_object (code, "notify", G_CALLBACK (row_update_cb), box, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (box), "kts-code", g_object_ref (code), g_object_unref);
  g_object_set_data (G_OBJECT (box), "kts-handler", GSIZE_TO_POINTER (id));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, KtsCodebookView *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  KtsCode   *code = g_object_get_data (G_OBJECT (box), "kts-code");
  gulong     id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (box), "kts-handler"));

  if (code != NULL && id != 0)
    g_signal_handler_disconnect (code, id);
  g_object_set_data (G_OBJECT (box), "kts-handler", NULL);
  g_object_set_data (G_OBJECT (box), "kts-code", NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static void
search_changed_cb (KtsCodebookView *self)
{
  KtsCode *shown = self->shown;

  rebuild_tree (self);
  if (shown != NULL && code_visible (self, shown))
    select_in_tree (self, shown);
}

static void
search_activate_cb (KtsCodebookView *self)
{
  g_autoptr (GPtrArray) codes = NULL;
  g_auto (GStrv) words = NULL;
  g_autofree char *folded = NULL;

  if (self->search_set == NULL)
    return;
  /* The first code that matches itself, rather than a parent of one. */
  folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  codes = kts_codebook_list_codes (codebook (self));
  for (guint i = 0; i < codes->len; i++)
    {
      KtsCode *code = g_ptr_array_index (codes, i);

      if (code_visible (self, code) && code_matches (code, words))
        {
          select_in_tree (self, code);
          gtk_widget_grab_focus (self->tree_view);
          return;
        }
    }
}

static void
search_stop_cb (KtsCodebookView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* ---- pages ------------------------------------------------------------------------ */

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static void
update_ladders (KtsCodebookView *self)
{
  guint n;

  if (self->project == NULL)
    return;
  n = kts_blatt_ladder_update (KTS_BLATT_LADDER (self->sd_ladder), self->project, self->shown);
  n += kts_blatt_ladder_update (KTS_BLATT_LADDER (self->rel_ladder), self->project, self->shown);
  if (kts_project_get_theory_locked (self->project))
    gtk_stack_set_visible_child_name (GTK_STACK (self->ladders_stack), "locked");
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->ladders_stack), n > 0 ? "ladders" : "none");
}

static void
update_crosswalk (KtsCodebookView *self)
{
  GtkWidget *frame;

  remove_children (self->crosswalk_box);
  if (self->project == NULL)
    return;
  if (self->guide == NULL || self->guide->crosswalk == NULL)
    {
      gtk_box_append (GTK_BOX (self->crosswalk_box),
                      gtk_label_new (_ ("The crosswalk could not be loaded.")));
      return;
    }
  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_add_css_class (frame, "crosswalk-frame");
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (frame), kts_crosswalk_table_new (self->project, self->guide->crosswalk));
  gtk_box_append (GTK_BOX (self->crosswalk_box), frame);
}

static void
update_cards (KtsCodebookView *self)
{
  guint            shown = 0, hidden = 0;
  g_autofree char *intro = NULL;

  remove_children (self->cards_box);
  if (self->project == NULL || self->guide == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->cards_intro),
                          _ ("The contrast cards could not be loaded."));
      return;
    }
  for (guint i = 0; i < self->guide->cards->len; i++)
    {
      const KtsContrastCard *card = g_ptr_array_index (self->guide->cards, i);

      if (kts_contrast_card_hidden (self->project, card))
        {
          hidden++;
          continue;
        }
      {
        GtkWidget *widget = kts_contrast_card_new (self->project, card, NULL);

        /* kts_codebook_view_show_card() finds it by its id. */
        g_object_set_data_full (G_OBJECT (widget), "kts-card-id", g_strdup (card->id), g_free);
        gtk_box_append (GTK_BOX (self->cards_box), widget);
      }
      shown++;
    }
  intro = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "%u card for a distinction that students find hard. Each says how to tell "
                   "the sides apart and gives an invented example of each side; the chips lead to "
                   "the codes.",
                   "%u cards for distinctions that students find hard. Each says how to tell the "
                   "sides apart and gives an invented example of each side; the chips lead to the "
                   "codes.",
                   shown),
      shown);
  if (hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%s %u more is hidden with the theory layers until step 5.",
                       "%s %u more are hidden with the theory layers until step 5.", hidden),
          intro, hidden);
      g_free (intro);
      intro = g_steal_pointer (&more);
    }
  gtk_label_set_text (GTK_LABEL (self->cards_intro), intro);
}

static char *
format_date (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  if (iso != NULL)
    g_date_set_parse (&date, iso);
  if (iso != NULL && g_date_valid (&date))
    {
      char buffer[128];

      /* Translators: a date in the changelog, see strftime(3) */
      if (g_date_strftime (buffer, sizeof buffer, _ ("%-d %B %Y"), &date) > 0)
        return g_strdup (buffer);
    }
  return g_strdup (iso != NULL ? iso : "");
}

static void
update_versions (KtsCodebookView *self)
{
  const GPtrArray *changelog;
  GtkWidget       *child;
  g_autofree char *title = NULL;

  while ((child = gtk_widget_get_first_child (self->changelog_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->changelog_list), child);
  if (self->project == NULL)
    return;

  title = g_strdup_printf (_ ("Version %d"), kts_codebook_get_version (codebook (self)));
  gtk_label_set_text (GTK_LABEL (self->version_title), title);

  changelog = kts_codebook_get_changelog (codebook (self));
  for (guint i = changelog != NULL ? changelog->len : 0; i > 0; i--)
    {
      const KtsChangelogEntry *entry = g_ptr_array_index ((GPtrArray *)changelog, i - 1);
      GtkWidget               *row = adw_action_row_new ();
      GtkWidget               *date_label;
      g_autofree char         *row_title = g_strdup_printf (_ ("Version %d"), entry->version);
      g_autofree char         *date = format_date (entry->date);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->text != NULL && *entry->text != '\0'
                                                             ? entry->text
                                                             : _ ("No description"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      date_label = gtk_label_new (date);
      gtk_widget_add_css_class (date_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), date_label);
      gtk_widget_add_css_class (row, "changelog-entry");
      gtk_list_box_append (GTK_LIST_BOX (self->changelog_list), row);
    }
  if (changelog == NULL || changelog->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("No versions recorded yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _ ("The codebook is still as it was loaded or created."));
      gtk_list_box_append (GTK_LIST_BOX (self->changelog_list), row);
    }
}

static void
update_header (KtsCodebookView *self)
{
  const char      *name = NULL;
  g_autofree char *subtitle = NULL;

  if (self->project != NULL)
    name = kts_codebook_get_name (codebook (self));
  gtk_label_set_text (GTK_LABEL (self->title_label),
                      name != NULL && *name != '\0' ? name : _ ("Codebook"));
  if (self->project != NULL)
    {
      int   version = kts_codebook_get_version (codebook (self));
      guint n = kts_codebook_get_n_codes (codebook (self));

      /* Translators: under the codebook's name: "Version 2 · 213 codes" */
      subtitle = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "Version %d · %u code", "Version %d · %u codes", n),
          version, n);
    }
  gtk_label_set_text (GTK_LABEL (self->subtitle_label), subtitle != NULL ? subtitle : "");
  gtk_widget_set_tooltip_text (self->title_label, name);

  self->updating_lock = TRUE;
  gtk_switch_set_active (GTK_SWITCH (self->lock_switch),
                         self->project != NULL && kts_project_get_theory_locked (self->project));
  self->updating_lock = FALSE;
  gtk_widget_set_sensitive (self->lock_switch, self->project != NULL);
}

/* Brings the visible page up to date. */
static void
update_page (KtsCodebookView *self)
{
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));

  if (g_strcmp0 (page, "ladders") == 0 && (self->dirty & DIRTY_LADDERS))
    {
      self->dirty &= ~DIRTY_LADDERS;
      update_ladders (self);
    }
  else if (g_strcmp0 (page, "crosswalk") == 0 && (self->dirty & DIRTY_CROSSWALK))
    {
      self->dirty &= ~DIRTY_CROSSWALK;
      update_crosswalk (self);
    }
  else if (g_strcmp0 (page, "cards") == 0 && (self->dirty & DIRTY_CARDS))
    {
      self->dirty &= ~DIRTY_CARDS;
      update_cards (self);
    }
  else if (g_strcmp0 (page, "versions") == 0 && (self->dirty & DIRTY_VERSIONS))
    {
      self->dirty &= ~DIRTY_VERSIONS;
      update_versions (self);
    }
}

void
_kts_codebook_view_update_pages (KtsCodebookView *self)
{
  g_return_if_fail (KTS_IS_CODEBOOK_VIEW (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  update_header (self);
  update_ladders (self);
  update_crosswalk (self);
  update_cards (self);
  update_versions (self);
  self->dirty = 0;
}

static void
page_changed_cb (KtsCodebookView *self)
{
  update_page (self);
}

static gboolean
refresh_cb (gpointer data)
{
  KtsCodebookView *self = data;

  self->refresh_source = 0;
  update_header (self);
  update_page (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (KtsCodebookView *self, guint dirty)
{
  self->dirty |= dirty;
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_cb, self);
}

/* ---- model signals --------------------------------------------------------------- */

static void
codebook_changed_cb (KtsCodebookView *self)
{
  g_autofree char *signature = NULL;

  if (self->project == NULL)
    return;

  /* A code that was removed (or whose adding was undone) leaves the page. */
  if (self->shown != NULL
      && kts_codebook_lookup_guid (codebook (self), kts_item_get_guid (KTS_ITEM (self->shown)))
             != self->shown)
    show_detail (self, NULL);

  signature = structure_signature (codebook (self));
  if (g_strcmp0 (signature, self->structure) != 0)
    {
      KtsCode *shown = self->shown;

      rebuild_tree (self);
      if (shown != NULL)
        select_in_tree (self, shown);
      if (self->shown == NULL || kts_codebook_get_n_codes (codebook (self)) == 0)
        show_detail (self, self->shown);
    }
  queue_refresh (self, DIRTY_ALL);
}

static void
project_changed_cb (KtsCodebookView *self)
{
  /* Counts of codings and the changelog. */
  queue_refresh (self, DIRTY_LADDERS | DIRTY_VERSIONS);
}

static void
codebook_notify_cb (KtsCodebookView *self, GParamSpec *pspec)
{
  queue_refresh (self, DIRTY_VERSIONS);
}

static void
lock_changed_cb (KtsCodebookView *self, GParamSpec *pspec)
{
  KtsCode *shown = self->shown;

  rebuild_tree (self);
  if (shown != NULL && code_visible (self, shown))
    select_in_tree (self, shown);
  show_detail (self, shown);
  update_header (self);
  queue_refresh (self, DIRTY_ALL);
}

static gboolean
lock_state_set_cb (KtsCodebookView *self, gboolean state)
{
  if (!self->updating_lock && self->project != NULL
      && kts_project_get_theory_locked (self->project) != state)
    kts_project_set_boolean (self->project, self->project, "theory-locked", state);
  return FALSE;
}

/* ---- actions ---------------------------------------------------------------------- */

static void
action_show_code (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookView *self = KTS_CODEBOOK_VIEW (widget);
  KtsCode         *code;

  if (self->project == NULL)
    return;
  code = kts_codebook_lookup_guid (codebook (self), g_variant_get_string (param, NULL));
  if (code != NULL)
    kts_codebook_view_show_code (self, code);
}

static void
action_unlock (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookView *self = KTS_CODEBOOK_VIEW (widget);

  if (self->project != NULL)
    kts_project_set_boolean (self->project, self->project, "theory-locked", FALSE);
}

static void
action_load_preset (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookView *self = KTS_CODEBOOK_VIEW (widget);
  g_autoptr (GError) error = NULL;

  if (self->project == NULL)
    return;
  if (kts_project_load_codebook_preset (self->project, g_variant_get_string (param, NULL), &error)
      < 0)
    toast (self, error->message);
}

static void
record_response_cb (AdwMessageDialog *dialog, const char *response, KtsCodebookView *self)
{
  GtkTextView     *view = g_object_get_data (G_OBJECT (dialog), "kts-text");
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter      start, end;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "record") != 0 || self->project == NULL)
    return;
  kts_code_detail_commit (self->detail);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  kts_project_bump_codebook_version (self->project, text);
  kts_codebook_view_set_page (self, "versions");
}

static void
action_record_version (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsCodebookView *self = KTS_CODEBOOK_VIEW (widget);
  GtkRoot         *root = gtk_widget_get_root (widget);
  GtkWidget       *dialog;
  GtkWidget       *scrolled;
  GtkWidget       *view;
  int              version;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (self->project == NULL)
    return;
  version = kts_codebook_get_version (codebook (self));
  heading = g_strdup_printf (_ ("Record Version %d?"), version + 1);
  body = g_strdup_printf (_ ("Say what changed since version %d, so that codings made with the "
                             "earlier definitions stay interpretable."),
                          version);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("What changed"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_add_css_class (scrolled, "changelog-editor");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "record",
                                    _ ("_Record Version"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kts-text", view);
  g_signal_connect_object (dialog, "response", G_CALLBACK (record_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* ---- public ------------------------------------------------------------------------ */

GtkWidget *
kts_codebook_view_new (void)
{
  return g_object_new (KTS_TYPE_CODEBOOK_VIEW, NULL);
}

KtsProject *
kts_codebook_view_get_project (KtsCodebookView *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK_VIEW (self), NULL);
  return self->project;
}

void
kts_codebook_view_set_project (KtsCodebookView *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_CODEBOOK_VIEW (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;

  kts_code_detail_set_code (self->detail, NULL, NULL, NULL);
  g_clear_object (&self->shown);
  g_set_object (&self->project, project);
  g_signal_group_set_target (self->project_signals, project);
  g_signal_group_set_target (self->codebook_signals,
                             project != NULL ? kts_project_get_codebook (project) : NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rebuild_tree (self);
  show_detail (self, NULL);
  update_header (self);
  self->dirty = DIRTY_ALL;
  update_page (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook-view.record-version",
                                 project != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

KtsCode *
kts_codebook_view_get_selected_code (KtsCodebookView *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK_VIEW (self), NULL);
  return self->shown;
}

void
kts_codebook_view_show_code (KtsCodebookView *self, KtsCode *code)
{
  g_return_if_fail (KTS_IS_CODEBOOK_VIEW (self));
  g_return_if_fail (code == NULL || KTS_IS_CODE (code));

  kts_codebook_view_set_page (self, "codes");
  if (code == NULL || self->project == NULL)
    {
      if (self->selection != NULL)
        gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      show_detail (self, NULL);
      return;
    }
  if (self->search_set != NULL && !g_hash_table_contains (self->search_set, code))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      rebuild_tree (self);
    }
  if (!select_in_tree (self, code) && self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_detail (self, code);
}

/* Scrolls the cards page to the shown card once it has its place. */
static gboolean
scroll_to_card_cb (gpointer data)
{
  g_autoptr (GtkWidget) card = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  double     x, y;

  if (scrolled == NULL || !gtk_widget_get_mapped (card))
    return G_SOURCE_REMOVE;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (content != NULL && gtk_widget_translate_coordinates (card, content, 0, 0, &x, &y))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adj, MAX (0, y - 12));
    }
  gtk_widget_grab_focus (card);
  return G_SOURCE_REMOVE;
}

gboolean
kts_codebook_view_show_card (KtsCodebookView *self, const char *card_id)
{
  GtkWidget *found = NULL;

  g_return_val_if_fail (KTS_IS_CODEBOOK_VIEW (self), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  kts_codebook_view_set_page (self, "cards");
  if (self->dirty & DIRTY_CARDS)
    {
      self->dirty &= ~DIRTY_CARDS;
      update_cards (self);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (self->cards_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean match
          = g_strcmp0 (g_object_get_data (G_OBJECT (child), "kts-card-id"), card_id) == 0;

      if (match)
        {
          found = child;
          gtk_widget_add_css_class (child, "shown-card");
        }
      else
        gtk_widget_remove_css_class (child, "shown-card");
    }
  if (found == NULL)
    return FALSE;
  gtk_widget_set_focusable (found, TRUE);
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_card_cb, g_object_ref (found), NULL);
  return TRUE;
}

void
kts_codebook_view_set_page (KtsCodebookView *self, const char *page)
{
  g_return_if_fail (KTS_IS_CODEBOOK_VIEW (self));
  g_return_if_fail (page != NULL);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
}

const char *
kts_codebook_view_get_page (KtsCodebookView *self)
{
  g_return_val_if_fail (KTS_IS_CODEBOOK_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

void
kts_codebook_view_focus_search (KtsCodebookView *self)
{
  g_return_if_fail (KTS_IS_CODEBOOK_VIEW (self));

  kts_codebook_view_set_page (self, "codes");
  gtk_widget_grab_focus (self->search_entry);
}

GtkWidget *
_kts_codebook_view_get_search_entry (KtsCodebookView *self)
{
  return self->search_entry;
}

GListModel *
_kts_codebook_view_get_tree_model (KtsCodebookView *self)
{
  return self->selection != NULL ? G_LIST_MODEL (self->selection) : NULL;
}

KtsCodeDetail *
_kts_codebook_view_get_detail (KtsCodebookView *self)
{
  return self->detail;
}

GtkWidget *
_kts_codebook_view_get_page_widget (KtsCodebookView *self, const char *page)
{
  return gtk_stack_get_child_by_name (GTK_STACK (self->stack), page);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
kts_codebook_view_dispose (GObject *object)
{
  KtsCodebookView *self = KTS_CODEBOOK_VIEW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->tree_view != NULL)
    gtk_list_view_set_model (GTK_LIST_VIEW (self->tree_view), NULL);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->project_signals);
  g_clear_object (&self->codebook_signals);
  g_clear_object (&self->shown);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_CODEBOOK_VIEW);

  G_OBJECT_CLASS (kts_codebook_view_parent_class)->dispose (object);
}

static void
kts_codebook_view_finalize (GObject *object)
{
  KtsCodebookView *self = KTS_CODEBOOK_VIEW (object);

  g_clear_pointer (&self->search_set, g_hash_table_unref);
  g_clear_pointer (&self->guide, kts_codebook_guide_free);
  g_clear_object (&self->filter);
  g_free (self->structure);
  G_OBJECT_CLASS (kts_codebook_view_parent_class)->finalize (object);
}

static void
kts_codebook_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsCodebookView *self = KTS_CODEBOOK_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_SELECTED_CODE:
      g_value_set_object (value, self->shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_codebook_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KtsCodebookView *self = KTS_CODEBOOK_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      kts_codebook_view_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_codebook_view_class_init (KtsCodebookViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_codebook_view_dispose;
  object_class->finalize = kts_codebook_view_finalize;
  object_class->get_property = kts_codebook_view_get_property;
  object_class->set_property = kts_codebook_view_set_property;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, KTS_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_CODE] = g_param_spec_object ("selected-code", NULL, NULL, KTS_TYPE_CODE,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KTS_TYPE_CODE_DETAIL);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-codebook-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, box);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, title_label);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, lock_switch);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, tree_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, tree_view);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, detail);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, ladders_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, ladders_box);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, crosswalk_box);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, cards_intro);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, cards_box);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, version_title);
  gtk_widget_class_bind_template_child (widget_class, KtsCodebookView, changelog_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, lock_state_set_cb);

  gtk_widget_class_install_action (widget_class, "codebook-view.show-code", "s", action_show_code);
  gtk_widget_class_install_action (widget_class, "codebook-view.unlock", NULL, action_unlock);
  gtk_widget_class_install_action (widget_class, "codebook-view.load-preset", "s",
                                   action_load_preset);
  gtk_widget_class_install_action (widget_class, "codebook-view.record-version", NULL,
                                   action_record_version);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codebookview");
}

static void
kts_codebook_view_init (KtsCodebookView *self)
{
  GtkListItemFactory *factory;
  g_autoptr (GError) error = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->guide = kts_codebook_guide_load_default (&error);
  if (self->guide == NULL)
    g_warning ("The contrast cards and the crosswalk could not be loaded: %s", error->message);

  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_cb, self, NULL));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->tree_view), factory);
  g_object_unref (factory);

  self->sd_ladder = kts_blatt_ladder_new (KTS_DIMENSION_SELF_DEFINITION);
  self->rel_ladder = kts_blatt_ladder_new (KTS_DIMENSION_RELATEDNESS);
  gtk_box_append (GTK_BOX (self->ladders_box), self->sd_ladder);
  gtk_box_append (GTK_BOX (self->ladders_box), self->rel_ladder);

  self->project_signals = g_signal_group_new (KTS_TYPE_PROJECT);
  g_signal_group_connect_swapped (self->project_signals, "changed", G_CALLBACK (project_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->project_signals, "notify::theory-locked",
                                  G_CALLBACK (lock_changed_cb), self);
  self->codebook_signals = g_signal_group_new (KTS_TYPE_CODEBOOK);
  g_signal_group_connect_swapped (self->codebook_signals, "changed",
                                  G_CALLBACK (codebook_changed_cb), self);
  g_signal_group_connect_swapped (self->codebook_signals, "notify", G_CALLBACK (codebook_notify_cb),
                                  self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook-view.record-version", FALSE);
  rebuild_tree (self);
  show_detail (self, NULL);
  update_header (self);
}
