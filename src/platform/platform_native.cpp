// The desktop: a GLFW window with an OpenGL 3.3 core context.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "platform/platform.h"

// The sample pictures, compiled in (cmake/embed.cmake).
extern const unsigned char asset_sample_rocket[], asset_sample_astronaut[], asset_sample_text[], asset_sample_cat[];
extern const std::size_t asset_sample_rocket_size, asset_sample_astronaut_size, asset_sample_text_size, asset_sample_cat_size;

namespace platform {

namespace {
Host g_host{};
}  // namespace

GLFWwindow* create_window(const char* title, int width, int height) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (window) {
        glfwMakeContextCurrent(window);
        glfwSwapInterval(1);
    }
    return window;
}

const char* glsl_version() { return "#version 330 core"; }

float pixel_ratio(GLFWwindow* window) {
    if (const char* forced = std::getenv("POOLLAB_SCALE")) {
        float s = std::strtof(forced, nullptr);
        if (s >= 0.5f && s <= 4.0f) return s;
    }
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(window, &x, &y);
    return x >= 0.5f && x <= 4.0f ? x : 1.0f;
}

void follow_host_size(GLFWwindow*) {}

void run(GLFWwindow* window, bool (*frame)()) {
    bool busy = true;
    while (!glfwWindowShouldClose(window)) {
        if (busy) {
            glfwPollEvents();
        } else {
            glfwWaitEvents();  // an idle window sleeps until something happens
            if (g_host.wake) g_host.wake();
        }
        busy = frame();
    }
}

void first_frame_drawn() {}
void frame_drawn() {}

void watch_gl_context(void (*)(), void (*)()) {}  // a desktop GL context is not taken away

namespace {
std::string g_link;
std::string g_shown;
}  // namespace

std::string initial_link() { return g_link; }
void set_initial_link(const std::string& fragment) { g_link = fragment; }
void show_link(const std::string& fragment) { g_shown = fragment; }
std::string link_address(const std::string& fragment) { return "index.html#" + fragment; }

std::string download(const std::string& name, const std::string&, const std::string& bytes) {
    std::FILE* f = std::fopen(name.c_str(), "wb");
    if (!f) return {};
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    return name;
}

std::string request_sample(const std::string& name) {
    auto bytes = [](const unsigned char* data, std::size_t size) { return std::string(reinterpret_cast<const char*>(data), size); };
    if (name == "rocket") return bytes(asset_sample_rocket, asset_sample_rocket_size);
    if (name == "astronaut") return bytes(asset_sample_astronaut, asset_sample_astronaut_size);
    if (name == "text") return bytes(asset_sample_text, asset_sample_text_size);
    if (name == "cat") return bytes(asset_sample_cat, asset_sample_cat_size);
    return {};
}

bool open_picture_dialog() { return false; }

namespace {

// A file's bytes by path; false with a reason a student can read.
bool read_local_file(const std::string& path, std::string* bytes, std::string* error) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        *error = "cannot open '" + path + "'";
        return false;
    }
    f.seekg(0, std::ios::end);
    const std::streamoff size = f.tellg();
    if (size > 64LL * 1024 * 1024) {
        *error = "'" + path + "' is larger than 64 MB, too large for a picture PoolLab reads";
        return false;
    }
    f.seekg(0);
    std::ostringstream ss;
    ss << f.rdbuf();
    *bytes = ss.str();
    return true;
}

void on_drop(GLFWwindow*, int count, const char** paths) {
    if (count > 0 && paths && paths[0]) open_local_file(paths[0]);
}

}  // namespace

void connect_host(GLFWwindow* window, const Host& host) {
    g_host = host;
    glfwSetDropCallback(window, on_drop);  // the page handles drops on the web
}

void open_local_file(const std::string& path) {
    std::string bytes, error;
    if (!read_local_file(path, &bytes, &error)) {
        if (g_host.file_refused) g_host.file_refused(error);
        return;
    }
    const size_t slash = path.find_last_of("/\\");
    if (g_host.file_arrived) g_host.file_arrived(bytes, slash == std::string::npos ? path : path.substr(slash + 1), "file");
}

void announce(const std::string&) {}

bool prefers_reduced_motion() {
    const char* v = std::getenv("POOLLAB_REDUCE_MOTION");
    return v && std::string(v) == "1";
}
std::string load_saved_link() { return {}; }
void save_link(const std::string&) {}

void copy_text(const std::string& text) {
    if (GLFWwindow* w = glfwGetCurrentContext()) glfwSetClipboardString(w, text.c_str());
}

}  // namespace platform
