# One settings target that every Switchboard target links: language level, warnings and the
# Qt definitions that keep string and URL conversions explicit.
add_library(switchboard_settings INTERFACE)
add_library(Switchboard::Settings ALIAS switchboard_settings)
target_compile_features(switchboard_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(switchboard_settings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align>)
target_compile_definitions(switchboard_settings INTERFACE
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    SWITCHBOARD_VERSION="${PROJECT_VERSION}")

# switchboard_add_test(NAME SOURCES a.cpp ... LIBS lib ... [ENVIRONMENT K=V ...] [LABELS l ...])
# One Qt Test executable per test; offscreen platform and a fixed locale so runs are repeatable.
function(switchboard_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;ENVIRONMENT;LABELS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt::Test switchboard_settings ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;LC_ALL=C.UTF-8;${ARG_ENVIRONMENT}"
        LABELS "${ARG_LABELS}"
        TIMEOUT 300)
endfunction()

# switchboard_add_dual_test(NAME SOURCES ... LIBS ...): one executable (tst_NAME), two ctest
# entries NAME_SQLite and NAME_PostgreSQL, told apart by SWITCHBOARD_TEST_BACKEND.
function(switchboard_add_dual_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    qt_add_executable(tst_${name} ${ARG_SOURCES})
    target_link_libraries(tst_${name} PRIVATE Qt::Test switchboard_settings ${ARG_LIBS})
    foreach(backend SQLite PostgreSQL)
        string(TOLOWER ${backend} backend_value)
        add_test(NAME ${name}_${backend} COMMAND tst_${name})
        set_tests_properties(${name}_${backend} PROPERTIES
            ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;LC_ALL=C.UTF-8;SWITCHBOARD_TEST_BACKEND=${backend_value}"
            LABELS "${backend_value}"
            TIMEOUT 300)
    endforeach()
endfunction()
