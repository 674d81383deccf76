#pragma once
// Everything that differs between the browser and the desktop, behind one
// small interface. Two implementations: platform_web.cpp (Emscripten) and
// platform_native.cpp (GLFW on X11/Wayland/macOS/Windows); CMake picks one.
#include <string>

struct GLFWwindow;

namespace platform {

// Creates the window and its GL context: WebGL2 / OpenGL ES 3 on the web,
// OpenGL 3.3 core on the desktop. On the web it fills the browser window.
GLFWwindow* create_window(const char* title, int width, int height);

// The #version line for GLSL on this platform.
const char* glsl_version();

// Device pixels per logical (CSS) pixel: 2 on a Retina screen. On the desktop
// POOLLAB_SCALE in the environment overrides the monitor's content scale.
float pixel_ratio(GLFWwindow* window);

// Web: makes the canvas follow the browser window and its pixel ratio.
// Desktop: nothing to do.
void follow_host_size(GLFWwindow* window);

// Calls frame() until the app quits (the browser's animation frames on the web).
void run(GLFWwindow* window, void (*frame)());

// Tells the host page the first frame is on screen (hides the loading overlay).
void first_frame_drawn();

// Web: the browser may take the WebGL context away (a GPU reset, too many
// contexts) and give it back later. lost() and restored() are called between
// frames; every GL object is gone after a loss. Desktop: never called.
void watch_gl_context(void (*lost)(), void (*restored)());

// Links: the fragment the app was opened with (the page's #..., or the
// desktop's --link), keeping the address bar's fragment in step with the
// state, the full address for a fragment, and copying text for the user.
std::string initial_link();
void set_initial_link(const std::string& fragment);  // desktop: from the command line
void show_link(const std::string& fragment);
std::string link_address(const std::string& fragment);
void copy_text(const std::string& text);

// The state kept between visits (the browser's localStorage; nothing on the
// desktop). Both quietly do nothing where storage is switched off.
std::string load_saved_link();
void save_link(const std::string& fragment);

// Hands a file to the user: a download in the browser, a file in the current
// directory on the desktop (its path is returned there, "" in the browser).
std::string download(const std::string& name, const std::string& mime, const std::string& bytes);

// Pictures in. A bundled sample's bytes: on the desktop they are compiled in
// and returned at once; on the web "" is returned and the page fetches
// samples/NAME.jpg, handing the bytes to poollab_picture_arrived later.
std::string request_sample(const std::string& name);
// Opens the browser's file picker (true), or false on the desktop, which has
// none: there the panel takes a path, and pictures may be dropped on the window.
bool open_picture_dialog();
// Reads a file on the desktop; false with a reason on failure (and always on the web).
bool read_local_file(const std::string& path, std::string* bytes, std::string* error);

// Says `text` to screen readers (the page's live region); the canvas itself cannot be read.
void announce(const std::string& text);

// The browser tests read the app's state through a hook the page exposes;
// the app registers the function that renders it as JSON.
void set_state_provider(std::string (*provider)());

}  // namespace platform
