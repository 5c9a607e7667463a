/* kts-application.h: the Kintsugi application: windows, app actions, recovery, recent files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KTS_TYPE_APPLICATION (kts_application_get_type ())
G_DECLARE_FINAL_TYPE (KtsApplication, kts_application, KTS, APPLICATION, AdwApplication)

/*
 * App actions: new, open, open-recent(s: URI), preferences, about, quit.
 * On the first start it opens the bundled sample project; after a crash it
 * offers to restore the autosaved recovery copies.
 *
 * Environment (for tests): KTS_NO_SAMPLE=1 skips the first-run sample;
 * KTS_TEST_RECOVERY_RESPONSE=restore|discard answers the recovery question
 * without a person.
 */
KtsApplication *kts_application_new (void);
/* Opens @file in a window: the one that already shows it, a pristine one,
 * or a new one. */
void kts_application_open_file (KtsApplication *self, GFile *file);
/* "Open Recent" items (app.open-recent), kept up to date. */
GMenuModel *kts_application_get_recent_menu (KtsApplication *self);

/* The app's GSettings, or NULL when the schema is not installed (then
 * defaults apply). Transfer full. */
GSettings *kts_application_lookup_settings (void);

/* Where the sample project is: installed, or in the source tree. NULL if
 * neither exists. */
GFile *kts_application_find_sample (void);

G_END_DECLS
