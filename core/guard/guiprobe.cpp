// Compiled only by the test "mailcore_rejects_widgets": this include must stop the build.
#include <QtWidgets/QWidget>
