/* kts-map-view.c: the Process map page: episode picker, toolbar, canvas and inspector.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-map-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-enum-types.h"
#include "kts-episode-build.h"
#include "kts-episode-dialog.h"
#include "kts-map-canvas-private.h"
#include "kts-map-print.h"
#include "kts-map-view.h"
#include "kts-poster-dialog.h"
#include "kts-poster.h"
#include "kts-window.h"

struct _KtsMapView
{
  GtkWidget parent_instance;

  /* template */
  AdwToastOverlay  *toast_overlay;
  GtkWidget        *toolbar;
  GtkDropDown      *episode_dropdown;
  GtkWidget        *episode_menu_button;
  GtkWidget        *connect_button;
  GtkWidget        *zoom_label;
  GtkWidget        *stack;
  GtkWidget        *no_episode_page;
  GtkWidget        *paned;
  GtkWidget        *inspector_box;
  GtkWidget        *inspector_separator;
  GtkWidget        *canvas_stack;
  GtkWidget        *empty_page;
  GtkWidget        *scrolled;
  KtsMapCanvas     *canvas;
  KtsMoveInspector *inspector;
  GtkWidget        *surface_button;
  GtkWidget        *dyad_button;

  KtsProject       *project;
  KtsMapArrangement chosen; /* what the analyst picked; bracketing may override it */
  KtsEpisode       *episode;
  gulong            changed_id;
  gboolean          inspector_visible;
  gboolean          choosing; /* the dropdown is being set from code */
  gboolean          fit_pending;
};

G_DEFINE_FINAL_TYPE (KtsMapView, kts_map_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PROJECT,
  PROP_EPISODE,
  PROP_LAYOUT,
  PROP_INSPECTOR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (KtsMapView *self);

/* ---- helpers ----------------------------------------------------------------------- */

static void
toast (KtsMapView *self, const char *title, gboolean undoable)
{
  AdwToast *t = adw_toast_new (title);

  if (undoable)
    {
      adw_toast_set_button_label (t, _ ("_Undo"));
      adw_toast_set_action_name (t, "win.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static GtkWindow *
parent_window (KtsMapView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (KtsMapView *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
episode_alive (KtsMapView *self)
{
  return self->episode != NULL && self->project != NULL
         && kts_project_lookup (self->project, kts_item_get_guid (KTS_ITEM (self->episode)))
                == KTS_ITEM (self->episode);
}

static guint
episode_position (KtsMapView *self, KtsEpisode *episode)
{
  GListModel *episodes = kts_project_get_episodes (self->project);

  for (guint i = 0; i < g_list_model_get_n_items (episodes); i++)
    {
      g_autoptr (KtsEpisode) e = g_list_model_get_item (episodes, i);
      if (e == episode)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static char *
codebook_version (KtsProject *project)
{
  KtsCodebook *codebook = kts_project_get_codebook (project);

  if (codebook == NULL)
    return NULL;
  return g_strdup_printf (
      "%s v%d",
      kts_codebook_get_name (codebook) != NULL ? kts_codebook_get_name (codebook) : _ ("codebook"),
      kts_codebook_get_version (codebook));
}

/* ---- the episode picker -------------------------------------------------------------- */

static void
episode_item_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
episode_item_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  KtsEpisode *episode = gtk_list_item_get_item (item);
  GtkWidget  *label = gtk_list_item_get_child (item);
  GBinding   *binding;

  binding = g_object_bind_property (episode, "name", label, "label", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (item), "kts-binding", binding);
}

static void
episode_item_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GBinding *binding = g_object_get_data (G_OBJECT (item), "kts-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (item), "kts-binding", NULL);
}

static void
dropdown_selected_cb (KtsMapView *self)
{
  KtsEpisode *episode = gtk_drop_down_get_selected_item (self->episode_dropdown);

  /* The list changing under the dropdown (the shown episode deleted) is
   * not a choice: update() picks what to show then. */
  if (self->choosing
      || (self->episode != NULL
          && episode_position (self, self->episode) == GTK_INVALID_LIST_POSITION))
    return;
  if (episode != NULL && episode != self->episode)
    kts_map_view_set_episode (self, episode);
}

static void
sync_dropdown (KtsMapView *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->project != NULL && self->episode != NULL)
    position = episode_position (self, self->episode);
  self->choosing = TRUE;
  if (gtk_drop_down_get_selected (self->episode_dropdown) != position)
    gtk_drop_down_set_selected (self->episode_dropdown, position);
  self->choosing = FALSE;
}

/* ---- state ----------------------------------------------------------------------------- */

static void
update_actions (KtsMapView *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean   has_project = self->project != NULL;
  gboolean   has_episode = episode_alive (self);
  gboolean   has_moves
      = has_episode && g_list_model_get_n_items (kts_episode_get_moves (self->episode)) > 0;
  g_autoptr (GPtrArray) selected = kts_map_canvas_get_selected_moves (self->canvas);
  gboolean has_edge = kts_map_canvas_get_selected_edge (self->canvas) != NULL;

  gtk_widget_action_set_enabled (w, "mapview.new-episode", has_project);
  gtk_widget_action_set_enabled (w, "mapview.build-from-codings",
                                 has_episode && kts_episode_get_document (self->episode) != NULL);
  gtk_widget_action_set_enabled (w, "mapview.rename-episode", has_episode);
  gtk_widget_action_set_enabled (w, "mapview.delete-episode", has_episode);
  gtk_widget_action_set_enabled (w, "mapview.edit-episode", has_episode);
  gtk_widget_action_set_enabled (w, "mapview.export-poster", has_moves);
  gtk_widget_action_set_enabled (w, "mapview.print", has_moves);
  gtk_widget_action_set_enabled (w, "mapview.add-move", has_episode);
  gtk_widget_action_set_enabled (w, "mapview.connect", has_episode && selected->len == 2);
  gtk_widget_set_sensitive (self->connect_button, has_episode && selected->len == 2);
  gtk_widget_action_set_enabled (w, "mapview.delete",
                                 has_episode && (selected->len > 0 || has_edge));
  gtk_widget_action_set_enabled (w, "mapview.relayout", has_moves);
  gtk_widget_action_set_enabled (w, "mapview.zoom-in", has_moves);
  gtk_widget_action_set_enabled (w, "mapview.zoom-out", has_moves);
  gtk_widget_action_set_enabled (w, "mapview.zoom-reset", has_moves);
  gtk_widget_action_set_enabled (w, "mapview.zoom-fit", has_moves);
  gtk_widget_action_set_enabled (w, "mapview.add-selected-codings",
                                 has_episode && selected->len == 1);
  gtk_widget_set_sensitive (self->episode_menu_button, has_project);
}

static void
update_zoom_label (KtsMapView *self)
{
  g_autofree char *text = g_strdup_printf (
      /* Translators: the map's zoom, "125 %" */
      _ ("%.0f %%"), kts_map_canvas_get_zoom (self->canvas) * 100);

  gtk_label_set_text (GTK_LABEL (self->zoom_label), text);
}

static const char *
arrangement_nick (KtsMapArrangement arrangement)
{
  switch (arrangement)
    {
    case KTS_MAP_ARRANGEMENT_DYAD:
      return "dyad";
    case KTS_MAP_ARRANGEMENT_FLOWCHART:
      return "flowchart";
    case KTS_MAP_ARRANGEMENT_SURFACE:
    default:
      return "surface";
    }
}

/* Bracketing (brief B.3): while the codebook's theory layers are locked the
 * view shows only the flowchart, and says why the process map is not
 * offered. */
static void
update_arrangement (KtsMapView *self)
{
  gboolean          locked = self->project != NULL && kts_project_get_theory_locked (self->project);
  KtsMapArrangement arrangement = locked ? KTS_MAP_ARRANGEMENT_FLOWCHART : self->chosen;
  const char       *why = _ ("The process map shows theory layers (self-definition, relatedness, "
                                   "themes). Unlock them in the Codebook view to use it.");

  gtk_widget_set_sensitive (self->surface_button, !locked);
  gtk_widget_set_sensitive (self->dyad_button, !locked);
  gtk_widget_set_tooltip_text (self->surface_button,
                               locked ? why
                                      : _ ("Surface Layout: self-definition above the spine, "
                                           "relatedness below"));
  gtk_widget_set_tooltip_text (self->dyad_button,
                               locked ? why
                                      : _ ("Dyad Layout: the therapist above the spine, the "
                                           "client below"));
  if (arrangement != kts_map_canvas_get_arrangement (self->canvas))
    {
      kts_map_canvas_set_arrangement (self->canvas, arrangement);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
    }
}

static void
update (KtsMapView *self)
{
  gboolean has_episode;

  update_arrangement (self);

  if (self->episode != NULL && !episode_alive (self))
    {
      /* Deleted (or its creation undone): show another one. */
      GListModel *episodes = kts_project_get_episodes (self->project);
      g_autoptr (KtsEpisode) first
          = g_list_model_get_n_items (episodes) > 0 ? g_list_model_get_item (episodes, 0) : NULL;

      kts_map_view_set_episode (self, first);
      return;
    }
  if (self->episode == NULL && self->project != NULL
      && g_list_model_get_n_items (kts_project_get_episodes (self->project)) > 0)
    {
      g_autoptr (KtsEpisode) first
          = g_list_model_get_item (kts_project_get_episodes (self->project), 0);
      kts_map_view_set_episode (self, first);
      return;
    }

  has_episode = episode_alive (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), has_episode ? "map" : "no-episode");
  if (has_episode)
    {
      gboolean empty = g_list_model_get_n_items (kts_episode_get_moves (self->episode)) == 0;

      gtk_stack_set_visible_child_name (GTK_STACK (self->canvas_stack), empty ? "empty" : "canvas");
      if (empty)
        {
          g_autofree char *title
              = g_strdup_printf (_ ("“%s” Has No Moves Yet"), kts_episode_get_name (self->episode));
          adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), title);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->episode_dropdown),
                          self->project != NULL
                              && g_list_model_get_n_items (kts_project_get_episodes (self->project))
                                     > 0);
  sync_dropdown (self);
  update_actions (self);
}

static void
project_changed_cb (KtsMapView *self)
{
  update (self);
}

/* ---- canvas signals ------------------------------------------------------------------------ */

static void
canvas_selection_changed_cb (KtsMapView *self)
{
  g_autoptr (GPtrArray) moves = kts_map_canvas_get_selected_moves (self->canvas);

  kts_move_inspector_set_selection (self->inspector, moves,
                                    kts_map_canvas_get_selected_edge (self->canvas));
  update_actions (self);
}

static void
reveal_coding (KtsMapView *self, KtsCoding *coding)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reveal-coding", "s",
                              kts_item_get_guid (KTS_ITEM (coding)));
}

static void
canvas_anchor_activated_cb (KtsMapView *self, KtsCoding *coding)
{
  reveal_coding (self, coding);
}

static void
canvas_move_activated_cb (KtsMapView *self, KtsMove *move)
{
  GtkWidget *label;

  if (!self->inspector_visible)
    g_object_set (self, "inspector-visible", TRUE, NULL);
  kts_move_inspector_set_page (self->inspector, "selection");
  label = kts_move_inspector_get_field (self->inspector, "label");
  if (label != NULL)
    gtk_widget_grab_focus (label);
}

static void
inspector_coding_activated_cb (KtsMapView *self, KtsCoding *coding)
{
  reveal_coding (self, coding);
}

static void
inspector_move_activated_cb (KtsMapView *self, KtsMove *move)
{
  kts_map_canvas_select_move (self->canvas, move, FALSE);
}

static void
zoom_notify_cb (KtsMapView *self)
{
  update_zoom_label (self);
}

static gboolean
fit_idle_cb (gpointer data)
{
  KtsMapView *self = data;

  self->fit_pending = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->canvas)))
    kts_map_canvas_zoom_to_fit (self->canvas);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* ---- actions: episodes ----------------------------------------------------------------- */

static void
new_episode_response_cb (AdwMessageDialog *dialog, const char *response, KtsMapView *self)
{
  KtsEpisode *episode;

  if (!g_str_equal (response, "create"))
    return;
  episode = kts_episode_dialog_get_episode (KTS_EPISODE_DIALOG (dialog));
  if (episode != NULL)
    kts_map_view_set_episode (self, episode);
}

static void
action_new_episode (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView  *self = KTS_MAP_VIEW (widget);
  GtkWindow   *parent = parent_window (self);
  KtsDocument *document = NULL;
  guint        start = 0, end = 0;
  GtkWidget   *dialog;

  if (self->project == NULL)
    return;
  /* The transcript's selection, if there is one, gives the turns. */
  if (KTS_IS_WINDOW (parent))
    {
      document = kts_window_get_document (KTS_WINDOW (parent));
      if (document != NULL && !kts_window_get_selection (KTS_WINDOW (parent), &start, &end))
        start = end = 0;
    }
  dialog = kts_episode_dialog_new (parent, self->project, document, start, end);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_episode_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build (KtsMapView *self, gboolean replace)
{
  g_autoptr (GError) error = NULL;
  int n = kts_episode_build_from_codings (self->project, self->episode, replace, &error);

  if (n < 0)
    {
      show_error (self, _ ("Could Not Build the Map"), error->message);
      return;
    }
  if (n == 0)
    {
      toast (self, _ ("The episode’s turns have no codings yet: code them in the transcript first"),
             FALSE);
      return;
    }
  {
    g_autofree char *title
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Drafted %d move from the codings",
                                        "Drafted %d moves from the codings", n),
                           n);
    toast (self, title, TRUE);
  }
  self->fit_pending = TRUE;
  g_idle_add (fit_idle_cb, g_object_ref (self));
}

static void
build_response_cb (AdwMessageDialog *dialog, const char *response, KtsMapView *self)
{
  if (g_str_equal (response, "replace") && episode_alive (self))
    build (self, TRUE);
}

static void
action_build (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView *self = KTS_MAP_VIEW (widget);
  guint       n;

  if (!episode_alive (self))
    return;
  n = g_list_model_get_n_items (kts_episode_get_moves (self->episode));
  if (n == 0)
    {
      build (self, FALSE);
      return;
    }
  {
    g_autofree char *heading
        = g_strdup_printf (_ ("Replace the Moves of “%s”?"), kts_episode_get_name (self->episode));
    g_autofree char *body = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "Its %u move and the arrows between moves are replaced by a draft made "
                     "from the codings. You can undo this.",
                     "Its %u moves and the arrows between them are replaced by a draft made "
                     "from the codings. You can undo this.",
                     n),
        n);
    GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"),
                                      "replace", _ ("_Replace"), NULL);
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                ADW_RESPONSE_DESTRUCTIVE);
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    g_signal_connect_object (dialog, "response", G_CALLBACK (build_response_cb), self, 0);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static gboolean
name_taken (KtsMapView *self, const char *name)
{
  KtsEpisode *other = kts_project_find_episode (self->project, name);

  return other != NULL && other != self->episode;
}

static void
rename_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  KtsMapView      *self = g_object_get_data (G_OBJECT (dialog), "kts-view");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename",
                                           *name != '\0' && !name_taken (self, name));
}

static void
rename_response_cb (AdwMessageDialog *dialog, const char *response, KtsMapView *self)
{
  GtkWidget       *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (!g_str_equal (response, "rename") || !episode_alive (self) || *name == '\0'
      || name_taken (self, name))
    return;
  if (g_strcmp0 (name, kts_episode_get_name (self->episode)) != 0)
    kts_project_set_string (self->project, self->episode, "name", name);
}

static void
rename_activate_cb (GtkEntry *entry, AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "rename"))
    adw_message_dialog_response (dialog, "rename");
}

static void
action_rename (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView *self = KTS_MAP_VIEW (widget);
  GtkWidget  *dialog;
  GtkWidget  *entry;

  if (!episode_alive (self))
    return;
  dialog = adw_message_dialog_new (parent_window (self), _ ("Rename Episode"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), kts_episode_get_name (self->episode));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Name"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "rename",
                                    _ ("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kts-view", self);
  g_signal_connect (entry, "changed", G_CALLBACK (rename_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (rename_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
action_delete_episode (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView      *self = KTS_MAP_VIEW (widget);
  g_autofree char *title = NULL;

  if (!episode_alive (self))
    return;
  /* Undoable, so no question first: a toast offers the way back. */
  title = g_strdup_printf (_ ("Deleted “%s”"), kts_episode_get_name (self->episode));
  kts_project_remove_episode (self->project, self->episode);
  toast (self, title, TRUE);
}

static void
action_edit_episode (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView *self = KTS_MAP_VIEW (widget);

  if (!self->inspector_visible)
    g_object_set (self, "inspector-visible", TRUE, NULL);
  kts_move_inspector_set_page (self->inspector, "episode");
}

/* ---- actions: export and print ---------------------------------------------------------- */

static void
action_export_poster (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView      *self = KTS_MAP_VIEW (widget);
  g_autofree char *version = NULL;
  GtkWidget       *dialog;

  if (!episode_alive (self))
    return;
  version = codebook_version (self->project);
  dialog = kts_poster_dialog_new (parent_window (self), self->episode,
                                  kts_map_canvas_get_arrangement (self->canvas), version);
  kts_poster_dialog_set_flowchart_only (KTS_POSTER_DIALOG (dialog),
                                        kts_project_get_theory_locked (self->project));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_now (KtsMapView *self)
{
  g_autofree char *version = NULL;
  g_autoptr (KtsMapPrint) print = NULL;
  g_autoptr (GError) error = NULL;

  if (!episode_alive (self))
    return;
  version = codebook_version (self->project);
  print = kts_map_print_new (self->episode, kts_map_canvas_get_arrangement (self->canvas), version);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (print), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent_window (self), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _ ("Could Not Print"), error->message);
}

static void
print_response_cb (AdwMessageDialog *dialog, const char *response, KtsMapView *self)
{
  if (g_str_equal (response, "print"))
    print_now (self);
}

static void
action_print (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView *self = KTS_MAP_VIEW (widget);
  g_autoptr (GPtrArray) identifiable = NULL;
  g_autoptr (GString) names = NULL;
  g_autofree char *body = NULL;
  GtkWidget       *dialog;

  if (!episode_alive (self))
    return;
  /* A printout circulates like a poster: ask first, as the export does. */
  identifiable = kts_poster_identifiable_documents (self->episode);
  if (identifiable->len == 0)
    {
      print_now (self);
      return;
    }
  names = g_string_new (NULL);
  for (guint i = 0; i < identifiable->len; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            kts_document_get_title (g_ptr_array_index (identifiable, i)));
  body = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "The map quotes %s, which is not marked pseudonymised. Its quotes may "
                   "identify a person.",
                   "The map quotes %s, which are not marked pseudonymised. Their quotes may "
                   "identify a person.",
                   identifiable->len),
      names->str);
  dialog = adw_message_dialog_new (parent_window (self), _ ("Print Identifiable Quotes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "print",
                                    _ ("_Print Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (print_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- actions: the canvas's, from the toolbar ---------------------------------------------------
 */

static void
forward_action (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView      *self = KTS_MAP_VIEW (widget);
  g_autofree char *map_name = g_strconcat ("map.", name + strlen ("mapview."), NULL);

  if (g_str_equal (name, "mapview.add-move") && episode_alive (self))
    gtk_stack_set_visible_child_name (GTK_STACK (self->canvas_stack), "canvas");
  gtk_widget_activate_action_variant (GTK_WIDGET (self->canvas), map_name, param);
  if (g_str_equal (name, "mapview.add-move"))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
action_add_selected_codings (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsMapView  *self = KTS_MAP_VIEW (widget);
  GtkWindow   *parent = parent_window (self);
  KtsDocument *document;
  guint        start, end, added = 0;
  g_autoptr (GPtrArray) moves = kts_map_canvas_get_selected_moves (self->canvas);
  g_autoptr (GPtrArray) anchors = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *codings;
  KtsMove    *move;

  if (moves->len != 1 || !KTS_IS_WINDOW (parent))
    return;
  move = g_ptr_array_index (moves, 0);
  document = kts_window_get_document (KTS_WINDOW (parent));
  if (document == NULL || !kts_window_get_selection (KTS_WINDOW (parent), &start, &end)
      || start == end)
    {
      toast (self, _ ("Select a passage in the transcript first"), FALSE);
      return;
    }

  /* Not g_ptr_array_copy(): that would take over the free function. */
  anchors = g_ptr_array_new ();
  for (guint i = 0; i < kts_move_get_anchors (move)->len; i++)
    g_ptr_array_add (anchors, g_ptr_array_index (kts_move_get_anchors (move), i));
  codings = kts_document_get_codings (document);
  for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);

      if (kts_coding_get_start (coding) < end && kts_coding_get_end (coding) > start
          && !kts_project_coding_is_hidden (self->project, coding)
          && !g_ptr_array_find (anchors, coding, NULL))
        {
          g_ptr_array_add (anchors, coding);
          added++;
        }
    }
  if (added == 0)
    {
      toast (self, _ ("No codings in the selected passage that the card does not have already"),
             FALSE);
      return;
    }
  if (!kts_project_set_move_anchors (self->project, move, (KtsCoding **)anchors->pdata,
                                     anchors->len, &error))
    {
      show_error (self, _ ("Could Not Add the Anchors"), error->message);
      return;
    }
  {
    g_autofree char *title = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Added %u anchor", "Added %u anchors", added), added);
    toast (self, title, TRUE);
  }
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
kts_map_view_dispose (GObject *object)
{
  KtsMapView *self = KTS_MAP_VIEW (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  g_clear_object (&self->episode);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_MAP_VIEW);
  G_OBJECT_CLASS (kts_map_view_parent_class)->dispose (object);
}

static void
kts_map_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsMapView *self = KTS_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_EPISODE:
      g_value_set_object (value, self->episode);
      break;
    case PROP_LAYOUT:
      g_value_set_string (value, arrangement_nick (kts_map_canvas_get_arrangement (self->canvas)));
      break;
    case PROP_INSPECTOR_VISIBLE:
      g_value_set_boolean (value, self->inspector_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_map_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KtsMapView *self = KTS_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      kts_map_view_set_project (self, g_value_get_object (value));
      break;
    case PROP_EPISODE:
      kts_map_view_set_episode (self, g_value_get_object (value));
      break;
    case PROP_LAYOUT:
      {
        const char *nick = g_value_get_string (value);

        self->chosen = g_strcmp0 (nick, "dyad") == 0        ? KTS_MAP_ARRANGEMENT_DYAD
                       : g_strcmp0 (nick, "flowchart") == 0 ? KTS_MAP_ARRANGEMENT_FLOWCHART
                                                            : KTS_MAP_ARRANGEMENT_SURFACE;
        update_arrangement (self);
      }
      break;
    case PROP_INSPECTOR_VISIBLE:
      if (self->inspector_visible != g_value_get_boolean (value))
        {
          self->inspector_visible = g_value_get_boolean (value);
          gtk_widget_set_visible (self->inspector_box, self->inspector_visible);
          gtk_widget_set_visible (self->inspector_separator, self->inspector_visible);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_map_view_class_init (KtsMapViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_map_view_dispose;
  object_class->get_property = kts_map_view_get_property;
  object_class->set_property = kts_map_view_set_property;

  properties[PROP_PROJECT]
      = g_param_spec_object ("project", NULL, NULL, KTS_TYPE_PROJECT,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EPISODE]
      = g_param_spec_object ("episode", NULL, NULL, KTS_TYPE_EPISODE,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAYOUT]
      = g_param_spec_string ("layout", NULL, NULL, "surface",
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INSPECTOR_VISIBLE]
      = g_param_spec_boolean ("inspector-visible", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KTS_TYPE_MAP_CANVAS);
  g_type_ensure (KTS_TYPE_MOVE_INSPECTOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kintsugi_qda/Kintsugi/kts-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, episode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, episode_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, connect_button);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, no_episode_page);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, paned);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, inspector_box);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, inspector_separator);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, canvas);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, inspector);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, surface_button);
  gtk_widget_class_bind_template_child (widget_class, KtsMapView, dyad_button);

  gtk_widget_class_install_action (widget_class, "mapview.new-episode", NULL, action_new_episode);
  gtk_widget_class_install_action (widget_class, "mapview.build-from-codings", NULL, action_build);
  gtk_widget_class_install_action (widget_class, "mapview.rename-episode", NULL, action_rename);
  gtk_widget_class_install_action (widget_class, "mapview.delete-episode", NULL,
                                   action_delete_episode);
  gtk_widget_class_install_action (widget_class, "mapview.edit-episode", NULL, action_edit_episode);
  gtk_widget_class_install_action (widget_class, "mapview.export-poster", NULL,
                                   action_export_poster);
  gtk_widget_class_install_action (widget_class, "mapview.print", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "mapview.add-selected-codings", NULL,
                                   action_add_selected_codings);
  {
    static const char *const forwarded[]
        = { "mapview.add-move", "mapview.delete",     "mapview.relayout", "mapview.zoom-in",
            "mapview.zoom-out", "mapview.zoom-reset", "mapview.zoom-fit" };

    for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
      gtk_widget_class_install_action (widget_class, forwarded[i], NULL, forward_action);
  }
  gtk_widget_class_install_action (widget_class, "mapview.connect", "s", forward_action);
  gtk_widget_class_install_property_action (widget_class, "mapview.layout", "layout");
  gtk_widget_class_install_property_action (widget_class, "mapview.inspector-visible",
                                            "inspector-visible");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "mapview.export-poster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "mapview.export-poster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "mapview.print",
                                       NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kts-map-view");
}

static void
kts_map_view_init (KtsMapView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->inspector_visible = TRUE;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (episode_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (episode_item_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (episode_item_unbind_cb), NULL);
  gtk_drop_down_set_factory (self->episode_dropdown, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->episode_dropdown, "notify::selected",
                            G_CALLBACK (dropdown_selected_cb), self);

  g_signal_connect_swapped (self->canvas, "selection-changed",
                            G_CALLBACK (canvas_selection_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "anchor-activated",
                            G_CALLBACK (canvas_anchor_activated_cb), self);
  g_signal_connect_swapped (self->canvas, "move-activated", G_CALLBACK (canvas_move_activated_cb),
                            self);
  g_signal_connect_swapped (self->canvas, "notify::zoom", G_CALLBACK (zoom_notify_cb), self);
  g_signal_connect_swapped (self->inspector, "coding-activated",
                            G_CALLBACK (inspector_coding_activated_cb), self);
  g_signal_connect_swapped (self->inspector, "move-activated",
                            G_CALLBACK (inspector_move_activated_cb), self);

  update_zoom_label (self);
  update (self);
}

GtkWidget *
kts_map_view_new (void)
{
  return g_object_new (KTS_TYPE_MAP_VIEW, NULL);
}

void
kts_map_view_set_project (KtsMapView *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_MAP_VIEW (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->episode);
  kts_map_canvas_set_episode (self->canvas, NULL, NULL);
  kts_move_inspector_set_episode (self->inspector, NULL, NULL);
  g_set_object (&self->project, project);

  self->choosing = TRUE;
  gtk_drop_down_set_model (self->episode_dropdown,
                           project != NULL ? kts_project_get_episodes (project) : NULL);
  self->choosing = FALSE;
  if (project != NULL)
    self->changed_id
        = g_signal_connect_swapped (project, "changed", G_CALLBACK (project_changed_cb), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

KtsProject *
kts_map_view_get_project (KtsMapView *self)
{
  g_return_val_if_fail (KTS_IS_MAP_VIEW (self), NULL);
  return self->project;
}

void
kts_map_view_set_episode (KtsMapView *self, KtsEpisode *episode)
{
  g_return_if_fail (KTS_IS_MAP_VIEW (self));
  g_return_if_fail (episode == NULL || KTS_IS_EPISODE (episode));
  g_return_if_fail (episode == NULL || self->project != NULL);

  if (self->episode != episode)
    {
      g_set_object (&self->episode, episode);
      kts_map_canvas_set_episode (self->canvas, episode != NULL ? self->project : NULL, episode);
      kts_move_inspector_set_episode (self->inspector, self->project, episode);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPISODE]);
    }
  update (self);
}

KtsEpisode *
kts_map_view_get_episode (KtsMapView *self)
{
  g_return_val_if_fail (KTS_IS_MAP_VIEW (self), NULL);
  return self->episode;
}

KtsMapCanvas *
kts_map_view_get_canvas (KtsMapView *self)
{
  g_return_val_if_fail (KTS_IS_MAP_VIEW (self), NULL);
  return self->canvas;
}

KtsMoveInspector *
kts_map_view_get_inspector (KtsMapView *self)
{
  g_return_val_if_fail (KTS_IS_MAP_VIEW (self), NULL);
  return self->inspector;
}

KtsMove *
kts_map_view_add_move_for_coding (KtsMapView *self, KtsCoding *coding, GError **error)
{
  KtsMove *move;

  g_return_val_if_fail (KTS_IS_MAP_VIEW (self), NULL);
  g_return_val_if_fail (KTS_IS_CODING (coding), NULL);

  if (!episode_alive (self))
    {
      g_set_error_literal (error, KTS_ERROR, KTS_ERROR_INVALID_ARGUMENT,
                           _ ("There is no episode to add the move to: make one in the Process "
                              "map view first (New Episode)."));
      return NULL;
    }
  move = kts_episode_add_move_for_codings (self->project, self->episode, &coding, 1, error);
  if (move != NULL)
    kts_map_view_show_move (self, move);
  return move;
}

void
kts_map_view_show_move (KtsMapView *self, KtsMove *move)
{
  GListModel *episodes;

  g_return_if_fail (KTS_IS_MAP_VIEW (self));
  g_return_if_fail (KTS_IS_MOVE (move));

  if (self->project == NULL)
    return;
  episodes = kts_project_get_episodes (self->project);
  for (guint i = 0; i < g_list_model_get_n_items (episodes); i++)
    {
      g_autoptr (KtsEpisode) episode = g_list_model_get_item (episodes, i);

      if (kts_episode_lookup_move (episode, kts_item_get_guid (KTS_ITEM (move))) == move)
        {
          kts_map_view_set_episode (self, episode);
          break;
        }
    }
  update (self);
  kts_map_canvas_flush (self->canvas);
  kts_map_canvas_select_move (self->canvas, move, FALSE);
}
