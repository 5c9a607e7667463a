/* kts-application.c: the Kintsugi application: windows, app actions, recovery, recent files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-application"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "kts-application.h"
#include "kts-preferences-window.h"
#include "kts-project-io.h"
#include "kts-recovery.h"
#include "kts-window.h"

#define MAX_RECENT 8

struct _KtsApplication
{
  AdwApplication parent_instance;

  GMenu     *recent_menu;
  GSettings *settings;
  gboolean   recovery_checked;
};

G_DEFINE_FINAL_TYPE (KtsApplication, kts_application, ADW_TYPE_APPLICATION)

GSettings *
kts_application_lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
settings_has_key (GSettings *settings, const char *key)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

GFile *
kts_application_find_sample (void)
{
  const char *candidates[]
      = { PKGDATADIR "/sample/sample.kintsugi", SOURCE_DATADIR "/sample/sample.kintsugi" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      return g_file_new_for_path (candidates[i]);
  return NULL;
}

/* ---- windows -------------------------------------------------------------------- */

static void
bind_window_size (KtsApplication *self, KtsWindow *window)
{
  const struct
  {
    const char *key;
    const char *property;
  } keys[] = {
    { "window-width", "default-width" },
    { "window-height", "default-height" },
    { "window-maximized", "maximized" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (settings_has_key (self->settings, keys[i].key))
      g_settings_bind (self->settings, keys[i].key, window, keys[i].property,
                       G_SETTINGS_BIND_DEFAULT);
}

static KtsWindow *
new_window (KtsApplication *self)
{
  KtsWindow *window = kts_window_new (GTK_APPLICATION (self));

  bind_window_size (self, window);
  return window;
}

static KtsWindow *
reusable_window (KtsApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (KTS_IS_WINDOW (active) && kts_window_is_pristine (KTS_WINDOW (active)))
    return KTS_WINDOW (active);
  return new_window (self);
}

static gboolean
is_transcript (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL
         && (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".docx")
             || g_str_has_suffix (lower, ".odt"));
}

/* Transcripts opened from the file manager go into the current project,
 * through the import dialog. */
static void
import_transcripts (KtsApplication *self, GFile **files, guint n_files)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  KtsWindow *window = KTS_IS_WINDOW (active) ? KTS_WINDOW (active) : new_window (self);

  gtk_window_present (GTK_WINDOW (window));
  kts_window_import_files (window, files, n_files);
}

void
kts_application_open_file (KtsApplication *self, GFile *file)
{
  KtsWindow *window;

  g_return_if_fail (KTS_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  if (is_transcript (file))
    {
      import_transcripts (self, &file, 1);
      return;
    }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      KtsProject *project;

      if (!KTS_IS_WINDOW (l->data))
        continue;
      project = kts_window_get_project (l->data);
      if (project != NULL && kts_project_get_file (project) != NULL
          && g_file_equal (kts_project_get_file (project), file))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  window = reusable_window (self);
  kts_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- first run ---------------------------------------------------------------- */

static char *
first_run_marker (void)
{
  return g_build_filename (g_get_user_data_dir (), "kintsugi", "sample-shown", NULL);
}

static gboolean
is_first_run (KtsApplication *self)
{
  g_autofree char *marker = NULL;

  if (settings_has_key (self->settings, "first-run"))
    return g_settings_get_boolean (self->settings, "first-run");
  marker = first_run_marker ();
  return !g_file_test (marker, G_FILE_TEST_EXISTS);
}

static void
mark_first_run_done (KtsApplication *self)
{
  g_autofree char *marker = first_run_marker ();
  g_autofree char *dir = g_path_get_dirname (marker);

  if (settings_has_key (self->settings, "first-run"))
    {
      g_settings_set_boolean (self->settings, "first-run", FALSE);
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (marker, "", 0, NULL);
}

static void
sample_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KtsWindow) window = user_data;
  g_autoptr (KtsProject) project = kts_project_load_finish (result, NULL);

  if (project == NULL || kts_window_get_project (window) != NULL)
    return;
  /* The sample is installed read-only: saving it asks for a place. */
  kts_project_set_file (project, NULL);
  kts_project_mark_clean (project);
  kts_window_set_project (window, project, FALSE);
}

static void
show_start_window (KtsApplication *self)
{
  KtsWindow *window = new_window (self);
  g_autoptr (GFile) sample = NULL;
  g_autofree char *last = NULL;

  gtk_window_present (GTK_WINDOW (window));
  if (g_getenv ("KTS_NO_SAMPLE") == NULL && is_first_run (self)
      && (sample = kts_application_find_sample ()) != NULL)
    {
      mark_first_run_done (self);
      kts_project_load_async (sample, NULL, sample_loaded_cb, g_object_ref (window));
      return;
    }

  /* Otherwise carry on with the project of last time, like a document app. */
  if (settings_has_key (self->settings, "last-opened-project"))
    last = g_settings_get_string (self->settings, "last-opened-project");
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr (GFile) file = g_file_new_for_path (last);
      kts_window_open_file (window, file);
    }
}

static void
apply_color_scheme (KtsApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *scheme = NULL;

  if (!settings_has_key (self->settings, "color-scheme"))
    return;
  scheme = g_settings_get_string (self->settings, "color-scheme");
  if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* ---- recovery ---------------------------------------------------------------- */

static void offer_recovery (KtsApplication *self, GPtrArray *entries);

static void
recovery_response_cb (AdwMessageDialog *dialog, const char *response, KtsApplication *self)
{
  GPtrArray        *entries = g_object_get_data (G_OBJECT (dialog), "kts-entries");
  KtsRecoveryEntry *entry = g_ptr_array_index (entries, 0);
  KtsWindow        *window = KTS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autofree char  *dir = kts_recovery_get_default_dir ();
  g_autoptr (GError) error = NULL;

  if (g_str_equal (response, "restore"))
    {
      g_autoptr (KtsProject) project = kts_recovery_load (entry, &error);

      if (project != NULL)
        kts_window_set_project (window, project, TRUE);
      else
        {
          GtkWidget *err = adw_message_dialog_new (
              GTK_WINDOW (window), _ ("Could Not Restore the Unsaved Work"), error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (err), "close", _ ("_Close"));
          gtk_window_present (GTK_WINDOW (err));
        }
    }
  else if (g_str_equal (response, "discard"))
    {
      if (!kts_recovery_discard (dir, kts_recovery_entry_get_id (entry), &error))
        g_warning ("%s", error->message);
    }

  /* "later" keeps the copy for the next start. */
  g_ptr_array_remove_index (entries, 0);
  if (entries->len > 0)
    offer_recovery (self, g_ptr_array_ref (entries));
}

static gboolean
auto_respond_cb (gpointer data)
{
  AdwMessageDialog *dialog = data;

  adw_message_dialog_response (dialog, g_getenv ("KTS_TEST_RECOVERY_RESPONSE"));
  return G_SOURCE_REMOVE;
}

/* Takes @entries. Offers the first one in a window of its own. */
static void
offer_recovery (KtsApplication *self, GPtrArray *entries)
{
  KtsRecoveryEntry *entry = g_ptr_array_index (entries, 0);
  KtsWindow        *window = reusable_window (self);
  GtkWidget        *dialog;
  g_autoptr (GDateTime) saved
      = g_date_time_new_from_unix_local (kts_recovery_entry_get_saved (entry));
  g_autofree char *when = saved != NULL ? g_date_time_format (saved, "%c") : g_strdup ("");
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GFile           *original = kts_recovery_entry_get_original (entry);

  gtk_window_present (GTK_WINDOW (window));

  if (kts_recovery_entry_get_title (entry) != NULL && *kts_recovery_entry_get_title (entry) != '\0')
    name = g_strdup (kts_recovery_entry_get_title (entry));
  else if (original != NULL)
    name = g_file_get_basename (original);
  else
    name = g_strdup (_ ("Untitled Project"));

  if (original != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (original);
      body = g_strdup_printf (
          _ ("Kintsugi was closed while “%s” (%s) had unsaved changes. A copy was saved "
             "automatically at %s. Restore it?"),
          name, path, when);
    }
  else
    body = g_strdup_printf (
        _ ("Kintsugi was closed while “%s” had unsaved changes. A copy was saved "
           "automatically at %s. Restore it?"),
        name, when);

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _ ("Restore Unsaved Work?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "discard", _ ("_Discard"), "later",
                                    _ ("_Not Now"), "restore", _ ("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "kts-entries", entries,
                          (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  if (g_getenv ("KTS_TEST_RECOVERY_RESPONSE") != NULL)
    g_timeout_add (300, auto_respond_cb, dialog);
}

static gboolean
check_recovery (KtsApplication *self)
{
  g_autofree char *dir = kts_recovery_get_default_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = kts_recovery_list (dir, &error);

  if (entries == NULL)
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  /* Copies this process wrote are its own open windows, not a crash. */
  for (guint i = 0; i < entries->len;)
    {
      if (kts_recovery_entry_get_pid (g_ptr_array_index (entries, i)) == getpid ())
        g_ptr_array_remove_index (entries, i);
      else
        i++;
    }
  if (entries->len == 0)
    return FALSE;
  offer_recovery (self, g_steal_pointer (&entries));
  return TRUE;
}

/* ---- recent projects -------------------------------------------------------------- */

static int
recent_compare (gconstpointer a, gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **)a;
  GtkRecentInfo *ib = *(GtkRecentInfo **)b;
  g_autoptr (GDateTime) ma = g_date_time_ref (gtk_recent_info_get_modified (ia));
  g_autoptr (GDateTime) mb = g_date_time_ref (gtk_recent_info_get_modified (ib));

  return g_date_time_compare (mb, ma);
}

static void
rebuild_recent_menu (KtsApplication *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr (GPtrArray) projects = g_ptr_array_new ();
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char    *uri = gtk_recent_info_get_uri (info);

      if (g_str_has_suffix (uri, ".kintsugi") && gtk_recent_info_exists (info))
        g_ptr_array_add (projects, info);
    }
  g_ptr_array_sort (projects, recent_compare);

  for (guint i = 0; i < projects->len && n < MAX_RECENT; i++, n++)
    {
      GtkRecentInfo *info = g_ptr_array_index (projects, i);
      g_autoptr (GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (
          item, "app.open-recent", g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }
  if (n == 0)
    g_menu_append (self->recent_menu, _ ("No Recent Projects"), "app.no-recent");

  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

GMenuModel *
kts_application_get_recent_menu (KtsApplication *self)
{
  g_return_val_if_fail (KTS_IS_APPLICATION (self), NULL);
  return G_MENU_MODEL (self->recent_menu);
}

/* ---- actions -------------------------------------------------------------------- */

static void
action_new (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  KtsApplication *self = user_data;
  KtsWindow      *window = reusable_window (self);
  g_autoptr (KtsProject) project = kts_project_new ();

  kts_window_set_project (window, project, FALSE);
  gtk_window_present (GTK_WINDOW (window));
}

static void
open_response_cb (GtkNativeDialog *native, int response, KtsApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          kts_application_open_file (self, file);
        }
    }
  g_object_unref (native);
}

static void
action_open (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  KtsApplication       *self = user_data;
  GtkWindow            *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *native;
  GtkFileFilter        *filter;

  native = gtk_file_chooser_native_new (_ ("Open Project"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ ("Kintsugi Projects"));
  gtk_file_filter_add_pattern (filter, "*.kintsugi");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_open_recent (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  kts_application_open_file (KTS_APPLICATION (user_data), file);
}

static void
action_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  KtsApplication *self = user_data;
  GtkWindow      *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char     *developers[] = { "The Kintsugi contributors", NULL };
  GtkWidget      *about;

  about = g_object_new (
      ADW_TYPE_ABOUT_WINDOW, "transient-for", parent, "application-name", "Kintsugi",
      "application-icon", APP_ID, "version", PACKAGE_VERSION, "developer-name",
      _ ("The Kintsugi contributors"), "developers", developers, "comments",
      _ ("Qualitative analysis of psychotherapy transcripts: code passages, "
         "then map rupture and repair."),
      "license-type", GTK_LICENSE_GPL_3_0, "website", "https://github.com/kintsugi-qda/kintsugi",
      "issue-url", "https://github.com/kintsugi-qda/kintsugi/issues", NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
action_preferences (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (KTS_IS_WINDOW (active))
    gtk_window_present (GTK_WINDOW (kts_preferences_window_new (KTS_WINDOW (active))));
}

static void
action_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  KtsApplication *self = user_data;
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new", action_new },
  { "open", action_open },
  { "open-recent", action_open_recent, "s" },
  { "about", action_about },
  { "preferences", action_preferences },
  { "quit", action_quit },
};

/* ---- GApplication ---------------------------------------------------------------- */

static void
kts_application_startup (GApplication *application)
{
  KtsApplication *self = KTS_APPLICATION (application);
  GtkApplication *app = GTK_APPLICATION (application);
  const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.import-codebook", { "<Control><Shift>i", NULL } },
    { "win.export-codings", { "<Control>e", NULL } },
    { "win.export-refi-project", { "<Control><Shift>e", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.quick-code", { "<Control>k", NULL } },
    { "win.next-coding", { "F8", NULL } },
    { "win.previous-coding", { "<Shift>F8", NULL } },
    { "win.next-coding-of-selected", { "<Control>F8", NULL } },
    { "win.previous-coding-of-selected", { "<Control><Shift>F8", NULL } },
    { "win.set-actor::therapist", { "<Alt>t", NULL } },
    { "win.set-actor::client", { "<Alt>c", NULL } },
    { "win.set-actor::dyad", { "<Alt>d", NULL } },
    { "win.set-actor::third", { "<Alt>3", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.show-view::transcripts", { "<Control>1", NULL } },
    { "win.show-view::codebook", { "<Control>2", NULL } },
    { "win.show-view::map", { "<Control>3", NULL } },
    { "win.show-view::analysis", { "<Control>4", NULL } },
    { "win.show-view::practice", { "<Control>5", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", "<Control>slash", NULL } },
  };

  G_APPLICATION_CLASS (kts_application_parent_class)->startup (application);

  /* Running from the build tree: the app icon is not installed yet. */
  if (g_file_test (SOURCE_DATADIR "/icons/hicolor", G_FILE_TEST_IS_DIR))
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    SOURCE_DATADIR "/icons");

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  {
    GSimpleAction *none = g_simple_action_new ("no-recent", NULL);
    g_simple_action_set_enabled (none, FALSE);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (none));
    g_object_unref (none);
  }
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  self->settings = kts_application_lookup_settings ();
  if (self->settings != NULL)
    {
      apply_color_scheme (self);
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
    }
  self->recent_menu = g_menu_new ();
  rebuild_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
}

static void
kts_application_activate (GApplication *application)
{
  KtsApplication *self = KTS_APPLICATION (application);
  GtkWindow      *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!self->recovery_checked)
    {
      self->recovery_checked = TRUE;
      if (check_recovery (self))
        return;
    }
  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }
  show_start_window (self);
}

static void
kts_application_open (GApplication *application, GFile **files, int n_files, const char *hint)
{
  KtsApplication *self = KTS_APPLICATION (application);
  g_autoptr (GPtrArray) transcripts = g_ptr_array_new ();

  if (!self->recovery_checked)
    {
      self->recovery_checked = TRUE;
      check_recovery (self);
    }
  /* Projects first; then all transcripts in one import dialog. */
  for (int i = 0; i < n_files; i++)
    {
      if (is_transcript (files[i]))
        g_ptr_array_add (transcripts, files[i]);
      else
        kts_application_open_file (self, files[i]);
    }
  if (transcripts->len > 0)
    import_transcripts (self, (GFile **)transcripts->pdata, transcripts->len);
}

static void
kts_application_dispose (GObject *object)
{
  KtsApplication *self = KTS_APPLICATION (object);

  g_clear_object (&self->recent_menu);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (kts_application_parent_class)->dispose (object);
}

static void
kts_application_class_init (KtsApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kts_application_dispose;
  app_class->startup = kts_application_startup;
  app_class->activate = kts_application_activate;
  app_class->open = kts_application_open;
}

static void
kts_application_init (KtsApplication *self)
{
}

KtsApplication *
kts_application_new (void)
{
  return g_object_new (KTS_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path",
                       "/io/github/kintsugi_qda/Kintsugi", NULL);
}
