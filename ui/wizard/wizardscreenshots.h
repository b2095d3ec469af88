#pragma once

#include "core/config/secretstore.h"

namespace ascsync::ui {

class ScreenshotTour;

// Adds the setup wizard's pages -- driven through the demo account, so every list is filled -- a page with
// validation messages, and the settings dialog's tabs to `tour`. The wizard never finishes: nothing is saved
// and nothing is written to the keychain. The windows are deleted when the tour finishes.
void addSetupWizardScreens(ScreenshotTour &tour, config::SecretStore &secrets);

} // namespace ascsync::ui
