from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "course" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "audience_scope" VARCHAR(10) NOT NULL /* SCHOOL: SCHOOL\nDISTRICT: DISTRICT\nEVERYONE: EVERYONE */,
    "title" VARCHAR(100) NOT NULL,
    "summary" TEXT NOT NULL,
    "presenter" VARCHAR(100) NOT NULL /* 讲师 as shown to parents */,
    "cover_url" VARCHAR(500),
    "series" VARCHAR(20) NOT NULL /* MASTER_CLASS: MASTER_CLASS\nTHREE_PERSON_TALK: THREE_PERSON_TALK\nMICRO_CLASS: MICRO_CLASS\nENERGY_CLASS: ENERGY_CLASS\nEXPERIENCE_CLASS: EXPERIENCE_CLASS */,
    "status" VARCHAR(10) NOT NULL /* DRAFT: DRAFT\nSUBMITTED: SUBMITTED\nPUBLISHED: PUBLISHED\nRETURNED: RETURNED\nARCHIVED: ARCHIVED */,
    "return_reason" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "submitted_at" TIMESTAMP,
    "published_at" TIMESTAMP,
    "district_id" INT NOT NULL REFERENCES "district" ("id") ON DELETE RESTRICT,
    "lecturer_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "school_id" INT REFERENCES "school" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_course_lecture_782fef" ON "course" ("lecturer_id", "status");
CREATE INDEX IF NOT EXISTS "idx_course_distric_777576" ON "course" ("district_id", "status");
CREATE INDEX IF NOT EXISTS "idx_course_school__56ca4e" ON "course" ("school_id");
CREATE INDEX IF NOT EXISTS "idx_course_status_e5422e" ON "course" ("status", "published_at", "id");
        CREATE TABLE IF NOT EXISTS "course_tag" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "value" VARCHAR(30) NOT NULL,
    "course_id" INT NOT NULL REFERENCES "course" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_course_tag_course__86f6ba" UNIQUE ("course_id", "kind", "value")
) /* A course's topics and age bands, one row each, so the catalog filters by index. */;
CREATE INDEX IF NOT EXISTS "idx_course_tag_kind_973077" ON "course_tag" ("kind", "value", "course_id");
        CREATE TABLE IF NOT EXISTS "course_enrolment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "course_id" INT NOT NULL REFERENCES "course" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_course_enro_course__845692" UNIQUE ("course_id", "user_id")
);
CREATE INDEX IF NOT EXISTS "idx_course_enro_user_id_8b586f" ON "course_enrolment" ("user_id", "created_at");
        CREATE TABLE IF NOT EXISTS "learning_time" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "seconds" INT NOT NULL,
    "school_year_id" INT NOT NULL REFERENCES "school_year" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_learning_ti_user_id_ad2614" UNIQUE ("user_id", "school_year_id")
) /* Seconds of learning a person was credited in a school year (学时). */;
CREATE INDEX IF NOT EXISTS "idx_learning_ti_school__4b1759" ON "learning_time" ("school_year_id");
        CREATE TABLE IF NOT EXISTS "lesson" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position" SMALLINT NOT NULL,
    "title" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(10) NOT NULL /* VIDEO: VIDEO\nAUDIO: AUDIO\nARTICLE: ARTICLE */,
    "media_url" VARCHAR(500),
    "duration_seconds" INT NOT NULL /* media length, or reading time */,
    "transcript" TEXT,
    "body" TEXT /* Markdown, for an article */,
    "version" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "author_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "course_id" INT REFERENCES "course" ("id") ON DELETE CASCADE
) /* A unit of content: a course's lesson (ordered by position) or the one lesson of a */;
CREATE INDEX IF NOT EXISTS "idx_lesson_course__2bf6a1" ON "lesson" ("course_id", "position");
CREATE INDEX IF NOT EXISTS "idx_lesson_author__d16b5a" ON "lesson" ("author_id");
        CREATE TABLE IF NOT EXISTS "lesson_progress" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "position_seconds" INT NOT NULL,
    "last_sequence" BIGINT NOT NULL,
    "watched" JSON NOT NULL,
    "watched_seconds" INT NOT NULL,
    "completed" INT NOT NULL,
    "completed_at" TIMESTAMP,
    "started_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "lesson_id" INT NOT NULL REFERENCES "lesson" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_lesson_prog_user_id_db41f4" UNIQUE ("user_id", "lesson_id")
) /* One person's progress through one lesson. `watched` is the union of the intervals */;
CREATE INDEX IF NOT EXISTS "idx_lesson_prog_lesson__56d684" ON "lesson_progress" ("lesson_id", "completed");
CREATE INDEX IF NOT EXISTS "idx_lesson_prog_user_id_49da07" ON "lesson_progress" ("user_id", "completed_at");
        CREATE TABLE IF NOT EXISTS "micro_lesson" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "series" VARCHAR(100),
    "episode" SMALLINT,
    "release_at" TIMESTAMP NOT NULL /* when it is to be released */,
    "released_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "author_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "district_id" INT NOT NULL REFERENCES "district" ("id") ON DELETE RESTRICT,
    "lesson_id" INT NOT NULL UNIQUE REFERENCES "lesson" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_micro_lesso_release_a34338" ON "micro_lesson" ("released_at", "id");
CREATE INDEX IF NOT EXISTS "idx_micro_lesso_author__eb397d" ON "micro_lesson" ("author_id", "release_at");
CREATE INDEX IF NOT EXISTS "idx_micro_lesso_distric_0880e1" ON "micro_lesson" ("district_id");
        CREATE TABLE IF NOT EXISTS "micro_lesson_reaction" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "liked" INT NOT NULL,
    "saved" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "micro_lesson_id" INT NOT NULL REFERENCES "micro_lesson" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_micro_lesso_user_id_d1e2be" UNIQUE ("user_id", "micro_lesson_id")
) /* A parent's like and save of a micro-lesson: one row, set idempotently. */;
CREATE INDEX IF NOT EXISTS "idx_micro_lesso_micro_l_fec778" ON "micro_lesson_reaction" ("micro_lesson_id", "liked");
        CREATE TABLE IF NOT EXISTS "micro_lesson_target" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "age_band" VARCHAR(20) /* KINDERGARTEN: KINDERGARTEN\nPRIMARY_LOWER: PRIMARY_LOWER\nPRIMARY_UPPER: PRIMARY_UPPER\nJUNIOR_HIGH: JUNIOR_HIGH\nSENIOR_HIGH: SENIOR_HIGH */,
    "district_id" INT NOT NULL REFERENCES "district" ("id") ON DELETE CASCADE,
    "micro_lesson_id" INT NOT NULL REFERENCES "micro_lesson" ("id") ON DELETE CASCADE,
    "school_id" INT REFERENCES "school" ("id") ON DELETE CASCADE
) /* One (district, school or any, age band or any) a micro-lesson is meant for. */;
CREATE INDEX IF NOT EXISTS "idx_micro_lesso_micro_l_a1fc56" ON "micro_lesson_target" ("micro_lesson_id");
CREATE INDEX IF NOT EXISTS "idx_micro_lesso_distric_7c7472" ON "micro_lesson_target" ("district_id", "age_band");
CREATE INDEX IF NOT EXISTS "idx_micro_lesso_school__b51936" ON "micro_lesson_target" ("school_id", "age_band");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    # dependents first
    return """
        DROP TABLE IF EXISTS "micro_lesson_reaction";
        DROP TABLE IF EXISTS "micro_lesson_target";
        DROP TABLE IF EXISTS "micro_lesson";
        DROP TABLE IF EXISTS "lesson_progress";
        DROP TABLE IF EXISTS "learning_time";
        DROP TABLE IF EXISTS "course_enrolment";
        DROP TABLE IF EXISTS "course_tag";
        DROP TABLE IF EXISTS "lesson";
        DROP TABLE IF EXISTS "course";"""


MODELS_STATE = (
    "eJztXWtz2kjW/itdfJlMFcnGdmxnmK2tIliO2WDwAs5M3mFLkVEDWosWKwk73t35729360"
    "LrSgskIeT+Akjq08DTt3M//20sDRXq1rsrzbJNbWo3WuC/DaQsIf4QedYEDWW12jwhN2zl"
    "QaeNVbbVA/6s0N5mim5BfEuF1tTUVrZmIHwXrXWd3DSmhAjNN7fWSPv3Gsq2MYf2Apr4wR"
    "//xLc1pMIf0PIuV4/yTIO6Gvi5mkq+m96X7ZcVvddF9jVtSL7tQZ4a+nqJNo1XL/bCQH5r"
    "DdGfP4cImooNSfe2uSY/n/w69596/8j5pZsmzk9kaFQ4U9a6zfzdB3lzryHL/cFYHkljWW"
    "5kAGhqIAIu/qkW/fdz8hPenp58uPzw8eziw0fchP5M/87ln85Xb4BxCCk8/XHjT/pcsRWn"
    "BcV4Ayp9j8DaWShmPK5e+xCy+CeHkfVwrC60S+WHrEM0txf48uT9+xQgv7aHnZv28A1u9T"
    "P5SgNPf2dd9N1Hp84zgvYGXVtbwv8YKBPCLE0+KHs3NjBvVq2PadvSlL+MFgqaLxStUQrk"
    "Fx84EL/4kAg4efTnn2S/mD0yk5vceFCmj8+KqcqBJ5uBsaYLw3B2uOC4fHIJr78Moa7Q/x"
    "cdB3fjHNFOihqRAmf+n96c8+66Ky8wdy1bmc32BIh00bYsbY6WMLr3xiDlrv+jAmqlmDb+"
    "U/LCsFaarew7q+6c7m7c3uo6vchTPCdkGy5XGBK4J2odp7ux21t9UVub1v5YkU7qCtFSm5"
    "oGPmQsCzfbD6hb0lWP9vQa0JJtxcRseX6gjWl/dYKO8BbGqZHEbUQfLU+X4TsKUub0L5Hv"
    "Jt/kAvd5jbvQFGQttFUjRk4LPG+myWrzcMtt8lqjDTwa8EYB+ETDeylQpni7QfbPQNfQI1"
    "SBbQAFWPZaxQ/fNUJA7thFjDz4R8NtQCeO22fjnyEx8Q//kezIei4RufqnkCHLlCFNd0/w"
    "pltU0pHQekkx7uIfpqApjGAd7qM8ySc78I3bwfhGGraA8z5B123n2nmfoM/Ddv/qrj2U+u"
    "MWYC4myCWkb+EVxCMynfIIqafJMuppRESdmpAAKit2dOiu8BMijsYvjyBlaMBUl/Sd96E6"
    "w5f1FIiDety9lUbj9u0d6X5pWf/WKV7tsUSenNK7L6G7by5Cw+J3An7rjm8AuQT/N+hLFE"
    "7Dsucm/cZNu/H/NchvUta2ISPjWVZUFhPvtncrMMyhzZJzBwxRbd8Kj2BU89kNWTnZP3f4"
    "gQ0SCVxdXCO6nAjMUYyvDRNqc/QFvkROmCStxIa7OC6Ik9hSfNtUnn12JzS7MAL4f0PbOY"
    "3bo077SmrEbg45gHtvwQqd1LkjG9oQ46FNVkAWKT642sgYwWGjp0wWGaxNm1yNO38EDEf0"
    "h4U5ecGsvx6Dz6HPKGHyqYPJh8Xb216y8V8hKsGAbWfA2H18TyaB9Tg4MpB5GYXQBAswCk"
    "MszQ27nXEap8AI6Lpi7a3yd1iADumqRqALe+VuQFHpYN8ZVTspKgCSgpCxxpvYcn+k2kxX"
    "dYXLhDNomoouT5W996qh21dHqa+Rslw77jHuUtUwTB4LcsUrFhzeIVG74LMW21QM8tRvud"
    "UqOVlfnkEVv0LlEhgzgEUk4PQCNMRevUDFjFoks5PHWyN91Yj7D0jzRG3GH2wrYYwU+o3D"
    "6TfOedQb58najfOIcmNuKmoMuqOlouvJRiSPqE5S9tnp5YU/dclF2qwd3bZ7vajlCG+38o"
    "OCYnYBPps5S1/l6dv40u1fScPP7eFY6rcAezVBd8PubXv4Te4NfiOW8cDl5un93R37lF5O"
    "0N/v+93BUL7pfr5pAeZigkYS84S5qIbN3T0hslkMWZo6raT8DLHBczcztAyhwJfDIOuzRf"
    "vaY+vmRt8Mm2PZpZugCUyYyLnB+83trN4QM0t4D42r0CQKTWJ+IB1Ok3iMU+pJszRbXunK"
    "vr77X0lHd7pSK8/94tU89JxI1PJ4p8hWJY93dvHoeM4fLi7wK7z80ATw3fwdZrhPL97il8"
    "smmJnGEozgyobLB2gS9/H2er62YtzP9+hHxCQLFU5VoC1a8rQV07ZkI8bVjzh7JzmrMkRp"
    "ft7Hu9XGAUz8tkPwQaRmBY8heXXQ7RSaLfwd+DglG5rLPVEa4y7qCo9gJHmR0jGvhnAvsh"
    "emsztWPber8VEH/JTMd4dUBXHMd1SbkMKBk8ayEmzNEQC6gqZloJ8sYBo6BApSwTNmhiHQ"
    "bIC/TNeg1QIKoLtzkwRxOqZTw8SfPWe3uKDQvLqNNc2u3WgD0jf9bsaxMGK2dQzPUXst66"
    "qHH/7B6OvYS0ouDLrlR5e6Y7tTVKlLW2nrWKfXHo3ksdTu0NjQwOUEdQb3/ZHUG5An3scJ"
    "6kmd8f2QNPc+TdCoczMY9OT21W233wLs1QRddR0FqPc0eF0Nq9jhPLkrpigryDBWsrnxdY"
    "DqnwqZoWUpBcBRgMnZng1YhkIYcLcbcD3mSUR8plkWmUm1PZD2MDEyFdsI8giRiUW3fI+D"
    "I0U22eEgBdeNY24u6PLq3o4bYvYQr1QwuGtTj1Um+Ob2NCXCplHO8eCMXO6mKUBGshe1kL"
    "oPI3UzYxMBN9kSF6SqtNTt24vPZpdN4HwbeNbshYZ8NdQucvEHHrn4Q7Jc/CEiFwuP9iI9"
    "2iH+XzFsMJ9+aUNdZbAb19Jtuye1gPM+Qc4Ved1lhp/wZU1ISZoQHoQHzbQXsmcG5bWsBq"
    "lenXH18BqeqmFWPxVPHREWLuWHcyk/jIh35CAnynjZvMrZpLx7uiSEMwHXBP/AjNXQk2Y7"
    "KWH3A6vrd1RXqNxU+vvWHTB0bfrSnpuwzv7lIlFFNrxmylLTX0gjW5nuO8WuaWcdp6+6Ir"
    "YwllCm3md7onWDO6LOZ3VFauOiJ+MNx9T2XY++p56Ee3upN2qWbuw7vyhcI9xPjbb6InXq"
    "1Fs2RqHuedEma9NtrwV3NMzF5cksrI1MzHLCQ5Kiik/PZyLU7q8n9OXQ2oWCFeki+EUEvx"
    "xUPytSU5SpRxQJFPJLoHBgd4b22l6MoGU5fz7CgbGPUxkxBTeULablVoZsQLLE4ekC1beY"
    "r1LhkzaFvwIs2wETzkxoLYBtPEJkgZlhLkkgwwKDDOyFYgONtHkySNkrxcKPnheGDqP8Wy"
    "HfsD2k+Q/fs014VpTK4omCS7scqkdXcMldmDsMc5Ayh2GupvBeq1HGK9OKY42TJbco5U4y"
    "XMXGtmgRTgQFiKCACnDLW4MCeAzCLnsnO+zd3qYo0teYdFUj3AvV5zKG4RiZImg2ThYptG"
    "A7jkBrA8G35OQGU9ybF/sMbKhMMacO5toTJLy8Y3gjmYpI6VzgV9TdVoQ35955BAm28i4J"
    "mNYsa41PtocX/44JVWJV9u8JiaNUicOIS9qczJp47WuXT+nkgsdzNcxPMp6rF6J67qtk8+"
    "GPlYa722GYg5RimCs9zP4xtYvQHiAVUnuVxznAoGTgN0JkQp6McZoPsXr86EYJRVYEUW38"
    "UBZEUW28sGrj/jYq9EzboA2fONvBZXbR8uCt2J7Li270xAngi38G6N/3eocyeveMuYbGC9"
    "OwbYpyREUVbNBM01LppKlss223aqquFU2HKrVNv9WQRTL5gRWeJLjpI+asEEnShwy7CSwD"
    "6Mb08a2xtoGlvFjk7gIPEFAeyK3nhQHgD82yrai+qqDv2COjN/32LNoSn6B26pK8Urwla6"
    "ZmePjXZpzfdyIvw5KUx8m8rzAbE8jlqli27EK0gxQbQy4k2SpLsmRPxAfYGtlaTNzslsEO"
    "0YqRrtpIRwSUwzAi4cjAGFYkJngwmRlZ0cayEmi9lR0ZLyAw4dQwVVLLVdkkFvb7caxXTu"
    "/gCT/GlOCNgtQm8Z2jrnOaji8ws2BBQA6ln6McSXFfk8knjyYeZuxqwmJWpsUM/4L1Mlb+"
    "58sLw9JXOTSjcTfsfm13vsl3g163840W2GSuJ6hz0+1dyXgDbMudQX8k9cctEL0XXkQ8zO"
    "UZD3N5lsxcnkV8g9ylmIV3Z0iqPEwH5t/ZirV4D9zFPBIgFFawynEaVVAxV4x5FPmMq4io"
    "cF0s2nUxZiso1QxSsW0gTyvIYcS3gG9ojOwW9h1NFtwCHqtcUlsyzFyOhU6klhCASheA6A"
    "jLC8VaZGGng1S104dffODgpy8+JPLT5JFwH3yFHLVwH3wVw4xZq12WMkMmVPBVHl+GHeHn"
    "OIJEQo7j8L3axOfvKXSE8gIcGczckkdghlVJ8qCidIzE4YnYKYkaVivZk+cLFTKEWFGmWF"
    "FH55qG9O7k4sMuJpD89fMifViBpSJWimU9G3hPzCoWRwjrF+l/+p5vLqdN5gjgGpZ7prb2"
    "FFeU2jB0qKCkOA2GLoT1Q4F54b3NpFw2+tNg0Atw0J+64xDI97efpOGbE4o9bqQ5zEHURC"
    "HUEbsMwFHIMRlciUTKen5ePGgd92uu7wlWTL33OuLlCi57glVPIS8uYkaUROBGzA/tOAxm"
    "FePV+HYvz7+x9DoSRznDFISMNZrmgVib6aqucAXrbsjGCv/HGA2LKL8RW9oFf/tUy+Gs7D"
    "jdXbm91RU1UbQkK2JYLCaxIGWXLTnGc3KBpbEDQHWU02pq5IITxahj0DfjGFWTXGDZijmH"
    "ZGotFfOx7FI4x7gSnUo4GBVkPOtQnefBi1HghjT+p9aoOSFOpYJ1lIvyINWWjhKpqbE29y"
    "6p16Gd1BUiiExDz2GTkrx+6gqUDhUT4V5kz1qwO1Y9t6vxUdsdtsFlWXvLhj3aSb0hklem"
    "QSwpuUB1x/RVR8iW2tQ05Fzm1i3pqt4TjEWLJPWf5qBzZmAbuj3WFT5k2NpMm+ahqe8zXd"
    "UVrtXaWsiucnBffT3uytUL1hot/Ge1J7h/lVmC15XTV21rzLqAkVJUuaBFOqo1Vitq34Ao"
    "F7zu/M7qhFkmR+OwAD5VdIhUxZRnMM1sNEBwbOAXDkHT7fDa7a+Gip5/rzVoywsiUeeB2D"
    "9IdzdebzXBK6NDe1eFy5Vh46X54qq94iqHRBo1UwuIbJq7WjnaPlend1Lq2VjR7eQRvoga"
    "zwd1gveHgtd/2Ceosps2TSzQ+qum/o3k7FSQgV6WxppO9cOXDSOTPgPgbvMqw80/m4MVUL"
    "j8tE9S/LRPon7aJsT/1LIz+8WH6WqId/4h45at2GtLjq/pM1oqup6SoydAWqMkPWenlxf+"
    "Nk0u0nbo0W2714srXGCtiBgsPxhqzG4xhj8SCxeECOsQ3pHm7y79TgMMfFd3b7q+uW3/Tm"
    "ey7+7eG/Q/e82Z6d3pDT6J0IM8huIYQg/YYTaeUVySpuQzwieow6IKZUA85Tgbzk6TMyCe"
    "hs8GHSp4G9otGXCQVCQiqNoqyhDAU2RId8BXOUb4Dfsyp4R4h1sWnEtqujAMXablMDcZdp"
    "2b3iUGfWGYIt1U+emmNLcqBXemKY+ghjJDITJaVqZ2L162avgKZvYohuIYjuFACJB/XPCf"
    "CAEakQ0orsKdfybzoxqgEagmo+qzP5mxZSlrpDkqLIkVRS0Kc/bEuX5HRzaDk2xuzXD6Kn"
    "btcqQkZqZjbvB2vN6Oaw5nhJhdwtuBdk6qHCCueULtwIkegHWIOYxhtzM+VPq1vxsPjRgR"
    "ndxupknm/3IbbC3JM0AQrDQ4haRUjmosMUrg2TAfSYUcc42AYoPv+B1zs9+b4OEFYOEcLB"
    "Sk6tAEJpxrlg1NqNKqOd8f8TB/j5bjKeYrYk3k5HGShfwP13hCnjtfRz5lVhR80uavRVfw"
    "y+np2dnl6fuzi4/nHy4vzz++90/Y6KO0o/ZT93O3HxK6tmsUvMHkNvm67ass7zaYyf2TBc"
    "hfbQL4bv4OuLE370xI9bjhVXQYS2WJRvdyzmV8+VZdr3TiWwwt8KyRCqRAAd7cyazoOf3I"
    "o+g5/Zis6CHPwlnqXnRDiZn7fx8N+kn56XySsMZBm9rgf0DH22hRy6Dx19kaUdd28LDWdF"
    "tD1jvytX9rZBwci9i+AfmX5KjQVKsJEHwi9WRpBTdFp6XY+MYpZVjIF6QrjMK6oWZQ80A6"
    "CCuMNodLdLVsrza2oS5v92rcSf2rbv9z1lFyyVrA/TBBV4O+1ALkdYKu292edNUCzvsEdd"
    "r9jtSjt/yPO600Po1qikI14vPiMwFZ1HsbquNR7ZHQDMpqPUDMRcEWZbGwRAHVtY77xowV"
    "4VaN2WzvpXV8CkDbhstVXABGuiMOS1fZGsYNLC5qS4tU3p4pZpPwGAj/IMJx0yec6zA/Bx"
    "2yondFPExbHurnxbLZeQDr2P4zu2aEyCrMuFXGeU84aLyOg0EYAF/FMM80pFmLncY5RCqW"
    "c5XHWVcsW4amGacOTzkfA1T1Ox7PufxUzlP8VM4dP5WquLatVc2WnpIc2zZPm6lubaSdDJ"
    "9K8mpbP/wLTm1nWuGH3rWjTBb66crqp3cooS04guqfFHilZ/YIYkgq7FhBjQ+OKvVXgAxi"
    "USNmYPAIX1r4ZWXTO0+OLFi+f4uDomlkcyMNUlXZ9lOZGINNGpoMIMcHltcB4AIC/EJHOi"
    "/MYboagp3/bA7yS/zMUJCuTh6HpfBFrAhNKMlVjE432WQZIquG2ZJ8X1azZR5cUiEmSWNt"
    "T42kanLbbZIMeZU3osbgSwsMvkzQldTvEjOj8z5BQ+n6fkRuuB8qYnV0I+bjtqvtcfaxm1"
    "UNFBH5n8Gqn7GKF+MNRf3wLaS43woLC9krKbJEVd5XKjOTsyKcL7iHVfQUAG1FVJV3imnj"
    "kbgxrJVmK3ojRl8ZbtJMU1qunMbygm291f13sj5/+EWZrC/fP/yCP5+dPUzWv1xcnBL/Kw"
    "WoGhmfqd2kjnJAsy1AakIhMF0oCEEdvMGUcDabrD+eXp5iyvcnCnk9P/s56gZc7FfFugN7"
    "nZIGFFuRNeuQIcKitHGxAcJ0wcjugvFKJ2UBPLGDKo9Aw9FoEi82/OBxNy6/8NHIXDY9gb"
    "zKI7HjWsg/V5yiqvEZ4lM0nBuSEj1wi9I0lMD871TWW9T0FjW9heExwfDocavZbI8hqjrp"
    "sYsK7GbFgj0DY6+Yro4MZN7g2NAEyxwey+xjyt7FpepaMLZITYNbGWIMlysML2zEaBrCTZ"
    "ppmgavoK3Ntt6qaWiDJ8ynE2NLQN7/yQJuf8CGP7D4ryHQWWgIWhAoSAUSmuuatXgH7nRl"
    "CheGruJeWhHlQq69T9B/LXutYiqyPzuR9+STp1phP3tSErlHBV98ii8tcrVam/iEwFs87s"
    "7E6wURJGRVeaFP4Y+VZpIqyujPd2BMgkK1+QJatv8/NItG6WC2n/zomWFOIZ+iw+1A6DoO"
    "quvwRoEfWYZCHOIxXDBJZyb/J0YTnp4BzSWphdycxu0WkQSN4gdjJvEWyGF9XIXKhpwYeu"
    "nB8GDYC3m+xqe/psSW00qTs1N6KVHw9u8creQdPLczbOZRwvL29LOLjAGLjYXxDHQDzZ3U"
    "Ky5nAx4hXFnAqWxe/nbvqS4eXrLJwxG6Kh+m1CPXY96Aoi41dFi0hYpJqJiEikmomI5Vxe"
    "T6ye1dwpzqDIZOZzUCvlA9U0A3F6NkCuvukjVMpttSnnpNS0ks78w+NxXPP2lyeUcN5GeX"
    "N1Z4Hni8Bb3j64FExvmyVSz466bQRDJJ5TU3zIRMZdv9nOP6qbLs2pBuB+PuoN/utYD/cY"
    "La/d+70vhbC7gfiEP0Hd49R/g5cYr2Pk/QSOpdy1hOvZWH3dGXFgheT9An6ab9tTu4H5Jv"
    "YC4mqCe1h32a+8n7RBI+3XZ730jCJ/I+QYPxjTRsAfrGycyGrNVcxuoUW3XEVG1Z0LK8Ih"
    "W8mowgVaUnBJEiSG4fC+oGSSuIgcUTGotwwf9QPW2HtV4uFfNFnhlBx0XeMUqir4ELR9lD"
    "sTbnpH7prpsoQ17ppTIc3I+7JFud+2GC7obdwbBLNk7v0wTdDz9L/XELOO+77GL5B44cYY"
    "LBwZ3Uz7g+KA0+PfDrBN20+1fSlTz4Sg4U5mKC8ASmoT3O+04DxBOIeJIciHgSCUQ8cLhV"
    "STHkQ2l8P+zjgRgP5FHnZjDokQCr8D0SfTUa9L7ie+0x0y58b4LGQ6k9xrek3kj6DbMMeG"
    "lGbuHxHvRHeCXSX/a5+5VMkcgt0le7P7qWhkMyNZiLKjIl7nDLyLBjpkzykRemq/BcqexZ"
    "J7SdOw3FsWk71yt1x2EOUophrvQwT3XD2m0xs4QifVuVx5hVs0VGOVGTFqIShosYy19Apc"
    "kPbZhMYCvqoJWF6kYpnwHWAJHAVZQ/K6P82cZ4GTOB84B201NdsQ2sWw5w/YMpB3hrXvYs"
    "fIZzoJuspM8Mbkx2g5riHGJD94mgcUMvhJtDuptDMH0KUmWDeNfvh9YN7mfwVKsNIYDTzN"
    "B1LJStV3vidE37uV/VCacSwrO8VZgcncWs0+3BWSbTuFjnGeKj47vDeDFhwh2mdHcYH/rs"
    "oUdxpEJEihE9SRBhFmON177SJnH4A28O+gt4Xig2jQDw40XAMzQhsBbGM6dbetmGHIKvbC"
    "2U0/OLeLNr8rAwZFUeHf6pXnAWOjecNcvsZ0hqAXHp3lF4AmP5zKt5GYQ9ObFuiKz8xLo7"
    "7EEj+puv8E8GNIB67+2mkIS6dQrOO8w6yTU2j3K4O9guYigFtxOraD86j7PcStp+Hrb7Y+"
    "JG5H4g3tSdXrfvJJh2Pk2Q9PtdlzobuR8miJhCr4bt3/ot4H+schFc4Qqz03F/bPZzL91I"
    "9mEOUophrvQw479GRHiqoZM3x9wOizutI+EqU+k54Orj+PkhhkLwQbFan41Skx/VEJVAdr"
    "vLgRfuuadlsaZJ4pohsyKzbDkst2y2tj3xjckWV1OIQ2t4D8utCqcaUa3nY7K9cnurEfTC"
    "ZlsdW6Q/vZKNkewM3G6NVNnWW1NFDtDGBvGTBTziplOjUiE5icAzflsqKsR/gVSsBFDV8N"
    "A6SeDJClWjBSjy65bHLBqs2OTZR73vF/bR0u2jprtbWAttlcVYFKarhSmj6Oi2R/y/dlUc"
    "erRVBrrhRh/6YYi+ftBXD250gRtVYDV0fiZUrDj/gGRL3oZChBtmt+ORk0bdSQ0TpBTKt0"
    "orXkqvOFi1wSyh6ohwciqKcRJONQdwqiFdODWQMyEdoKoh0Oc8O8d58sZxHi3Gxchd/FtG"
    "iErsFsluGDt5YAhcuVXjjD93Ptrb+kV9NEPK2+Ak41CRe8s9B5BrHjkW2hgz68WL1GH6Ot"
    "8Y5SWrD+ZIP+qrofn0lqSMCzHKgLn2BBGwDepN7Rbm9fOqt4CB9Bf6iOiqgJO8zylSQ35u"
    "jOYyz44zh3Qwy0hoLEvVWIqkF0UxLVldqo/JlzoP3Ush3tNkN4XOfprZZTeWVkztmKnNIp"
    "Vd4RilFkrHSisdhbeXEGiri6vw9TqIr5dQFhSjLDiMQOsnVIgRaNlkCxwCrZ/jgUugTQY5"
    "ixDZDISKCBGyVBGy9n4Y7bu7AYbhlvpiMBcTdH9HGLQWcN5JQmqSpHqTolq+67X7Xu7q0O"
    "2wBobL3sljHTpNtg6dRqxDWVND75USuqIbd2lOGqSExK4RvRHaSsfxNmhCB0+LGPjdVYnt"
    "XeCzDKJdwtWClEcTqdRQEMC/3MAwk2otP1nE5dSE9tokrqreT31doi1+uMALKxNfEKARYp"
    "io9JnXkXNsi0fohYT+okLi9Xb9xWFk646C+XdVMa8hDEqjcc+baTL2k2Zptjx128szj2Cr"
    "1bgNKCkt3LYytSc8+EDzvheQflqUUbsf9ggrYDxC1AQWbg9VsFCsBX57M7ppvz09v/g5aj"
    "rOvfftor+Q8EtN+0eGTCZDFS/nJ7gQBqjyERgPC3PBnpqCbXoVbNPaghklDoYiH7bp6Her"
    "CNOU5WgPDkV0HAYIjg38UrAf3kEHgZepYqZegKnqtEed9pUU4qn2s0EoS01/6RjIdniZqC"
    "Ei0CCVU5rRpuTv+W05mCS3OXjW7AVQgNMJMNa2pakQ36BsDnijAMyCYUwVsISWhf+M8xHv"
    "rWgeyx7l1i9XofFANQP3q13DCPG129xxS4wLXqpMXmq6UBCCMcUNOAuJb8irrIJv3N0MSJ"
    "wqfZsgfGiO2p/xtfuB3MEHMcmG537Yv3xm/jGs8baRZIa3fNtIYZWhw7EyfMEyadEy0ayA"
    "7M6Uld8N0QqOt9Icb/jI4T9VYiiF4lDUKysU1xSFrKiqlUtVLV94SNokcgC45tFRMRtjpZ"
    "TeN8YSfiViTSMuRMp/2EwT4hakBvmT365YV7KV7oeaMTOXSkzBmYwnnmlbvji1MKyEJ5Zu"
    "bPp4MIzHjchFHzsV/aa6YllCDitdDgvDn+HYjFKKszOGJ6m9X+B9v/tVGo7avRbwP07QuD"
    "38LNG07t6nakizx5dpfxe1w3BwNxgR8L1PEzTq3EhX9zQxvv8xPl0+vju4ves5o+d/nKDb"
    "7oj26bxXYzhXprGipeXjuCW+MQ11UeG0W43r9m23960FnHc8puP29TUeT/JWjfFwVbZZ9E"
    "UMSXVVRg1Xae1MFqeGaiX0RxtuKwJ5uvIoQCg0R5XWHEGk7lRQYkMmBrjSA0yG4D8Gypab"
    "iqGpMjdSHceShYLmUE7KyZmMdISwyjwClsdsMCWcjv6XpfHE6c1ehqWDorgPpxbsocqDUH"
    "1GTXhZvYqDZb1SdxzmIKUY5koPc0CvGhnoRB1emGwnBV7FUk7nnuXFyJqhgqEQGtEYRBkb"
    "AyeiDIVANM7u7dpY+BFlKMSiF44EB3IkIOs6CnBmIzc1ot65fR0ZwryWbmYL3O5EIBw0in"
    "PQIKd7DsDW3DGD4YE4siiR0yivfWDk9nVcBxj3bN2c2wFc8feD/n2v14gXC8qbsEeKa1gS"
    "SgA32YuI9eCS3UDQPUvq0encMb46ndVos8hWWI9NtjY1zBiOzAPVi1jihHbod1ePOf1nRu"
    "e00PyK8VCLzsCtUdn+5Kett0cbIYP4ogEbKlPybphuMu01sqCOr/5laAiDsQkPmqw/zE6U"
    "yfr8w/spfj25vMB3oIpfL87Pf8F34PuPceFHBX5RjGPdHw3fY49G1/0z4mnnhZQJh7dSHd"
    "4Udbf6YCydUIZWWhlagcjiGojtLKLO3p4JUpZEYLpdFeIfF3uy6QGn8iODmJdZZ+fWdoE9"
    "PrpdCOz7RLiXFkCxUe0lsaee3m8bZ+rpGvMNoAgGMJD+3esXqMRxfcxTwfyVH3UunB5eAw"
    "MogloKt48Ft7HMADOEAl+OgNvQGbOvUYd21/F6OzKsuVXl0bXMYTljTu+8gP7mdlZvnJkl"
    "nTkENyQG7ak3r6MIFAoHwJ3APKwLhHmWcG8vdYWK2MvyAIrTqng0GJUiszkzK01w8+cej/"
    "QmQ7/1VrvCAEHgWvaBMSOBW7iDlqPahyp4gXYTKEgFzwsqyuEGtmJisQ4/c9T/mgUQhGpc"
    "jdCc+46VKj1p1fPkiJEkQ+H53neIfGaHkCzxv3yCpqXosjsNdvG4TujjaEorvEph0193aX"
    "FF22NbYrqpcoDL3ehb52bQG3zudkjgf+BygpywF/mqe33d7dz3xn4kDHNrgnrS9Vj+JN10"
    "+1ctwFxM0Kh9LY2/ycPu6EsLMBcTdCO1e+ObFnDeJ6hNWPjbbqcFvE/7p9A75Qm2OU0Otj"
    "mNBNv4g5s1l16EsMJzgn8vLj7WzMct+y4cIhWb71FsvrufugldiHGv8riLEBIR8XAcuIbE"
    "Mn5so4QiUEcElIiAksoDmzWghFnoOeBbbzf96KaY2VG/cM2n61aepPbceJ1v03lu3N236z"
    "t/Wyg2cCpyQvUdGNnKbPbWQPpLE8AfU7iywXc3z5aM2Sqn9ML3JnWBxmzZCuOuPWi6ZmvQ"
    "orpL/CCi9yzgOyYI446ZPB2qc0jKcTbB80KbLoBiQkro9EIqaimmzV38wUEumGiU+SKhIz"
    "2IjtSbOjHmmLSSvyxZpav95iGJ5VjZFxm27GG3Q9KjBHKhgOJSQK3wjhfLMCUDzpBUNw9i"
    "lTAmOtEY22561faSk7cWhm+aNqeYou26bjzL61UWwANEAvTMoEfYqSzgxxKLQcg8CBqaGe"
    "YyM9vCkpXItvh3jpZvsYmr9TL28EwFPEAnEM+AuKXMoB2zt6TCvSESWGfA2hdNs1uqQqQi"
    "CKHSJqqAvmGHeOMouTBJHs14ZzX2xBMLg0/K/pkV4iihsFdWNdT76NWgKSZKZh6WZ+6p2q"
    "zltfdEFy1HNrHQZiqMaltAjj98cjCsbc1ukLHE/F6BPUdRZ357ZoOcjZU0riXJVOkFvWwz"
    "VHrp+3iKyxNG1cuxZJjAmM2gaf0Kvm+s5t+BBWmMBLH/kbxsJCvTGwN5xkCwgiYgXxlbZD"
    "73/mPDM7wkkEytw4gRMlBKMVgSMRqZGG7BBHcII2WZRspXEzveINOfzNGfLEB/cxPM8IKx"
    "psaKLAgNAbIk8C9wQq4O4ZEoKlvVXmoWla1qPsCislUZla1EXpvXsJZEKRJRiqTqiB4qjq"
    "RiuhcR51AVlUqmOAdR3IEH0qTiDpUJHanYZpBD5Ei2EgRlZ1E6ErwLzXrTMdamBRsxulT3"
    "STNNkTrdtMk1P2lEK6nDqb02/VyveM3Za8tROqoa6XBqxzxydVteLIX7iMyd9YOuWQtfgh"
    "AKy9IT2q9VDeJ9UyaauwQxe3v6kWgvVRa8G6POzWDQawHnfYKuuo4hsAW8TxMkfZWG37Ak"
    "1gLeJ049ZsGVd23N1jOqQ1yCKg/JjrqQE67AgJOUwICTaGCAtV4uFTOTszRDUguUy3aSdo"
    "NX4jKtb414cYiqDHtjsv748HDq1HwBigWshfGMgG2QsESIHFarElN/ajzhs31t6lnGIUAk"
    "Ary4go+whBebgpPvuN1QV3ra37ZHY2kod3rt0agF2KsJGt8MJUm+k4ajQV8et3tfWiBya4"
    "Juu53hwO9gc4GP5740/PzNe8Re4We/4066Ur8j+c9Dd3ZZcPnn9drwwTtNgg0XXV5UztWw"
    "fT1uZJwHlAjzVuRtgkb3n26747F0hfkv7+ME3d1/6nVHN+Su/3GChtL4ftgnN71PE0Tw7H"
    "4l97xP1WDMTIglI5QYKpvMPEQI67CHls1BCBvWTkNxbDas9UrdcZiDlGKYKz3M1vphqdm7"
    "DXSYVsS9VHmkwxrALCMdphUjXeWRDumHOfW4ISphNI8xmoeU8pzIhqgEssmFinZx5BXOCJ"
    "zOCN48jEIsDOdBA29oxXLEMnm7Zw7YXjFd1RTf0FnDga+z1nNAd+R3dFx7A7dvArsp7lHg"
    "yVbmezomOOb0sTKv0UQO+cSbhr70zAq7AyV5/dQVKB1aFm6wH0o92kl9Fm4JTi5k7SX6ub"
    "gLc5uri2y77ThiBh2KnyxgGytt6iQPxb8PPOAPVpPGKZnGM4DKdNEElkED+6aKrejGHMw0"
    "3YamBR5eAB2ouJjB3PuPjRncuPg84pbk/UnR8UyKRg4Gnzd9yIRzTdnONd5I8FpSvfZVtu"
    "rt7KmRt73Fn9686PoENYT3jAfes2R4z2JcAbxNg39fCNAIhcJ22Xezqe8pP2ycRI8MYF4B"
    "IjC1OHIblJa0fcMmx/A0AR56K08DA61zdeRl+Yc10ZJE2QZy28WXMYkKjqFUjkGYsbftFL"
    "WwhYjDNb/FxDgHWFltIAyFQFSwK6WyK+GZK+wf20BlVmuVOMAeVEyE/99Yo4MZYQIDz1P5"
    "QN1tKXtH9Hb11ghi2FSLVBL3qElJcWhaBgLPigUwX6DSwuIawg8cPTx4wU3Bm8n6/OHiYr"
    "K+OJ9dxGTDyrfrWKbUm/eueYDQxtUq3zwVSqzyU1o50yCLBXxDUd6p+r7S8EZcCrzJnAHV"
    "CKFgWQQTWD4TKHiVXHiVhD0hN1+Cb25nNcU3uhtWiyWkVuFYZtCzF6exgX4bDvMmHjmb8G"
    "gYMhsiu4VZMd8i6fQE3pAsyJhZI2bGlWFphPhnYJjUFEnsk2473IsSY+DM+RsmaKlNTeOt"
    "R4oMt7uf3wEJM5Q0f6RteV8H8DSwoAW+P2HOE3f7/VewMg2ijbEAXgovFniEL/ibbWOCyL"
    "c53VJLq+IGWOIWcEUztmomSVo5hUDBvwB34PZpcdeGDGph3H/qlohc49UoONTyOVR/GCLQ"
    "jpaKricn42LoasOonp1eXvgAk4s0bEe37V4vpoaSyDFQcKB1smfA9sDPY/ASaHztXkmDFq"
    "BvE9S+v+riK/pGIjjH3U5PIgGc9EP4yDmMP8ESqpqSNfY9QFSHuM0SYt/VtUmd6uTsmoU4"
    "0irLbM78AA6eTcIPmVBRCYPjafjKF5Bx18j5jVHgk4OUg1R1mOllRyg/GGqmnDJe+wpj3b"
    "hVzEfVeEZO8ncFAcW0tanOObPLHgGX2c+w3zAU5W0zJ5Vmw4WvwivzVRAh969imDfaC/7t"
    "MUBTZT7scHvkQRx9KsZp1c4rpWL4FuSU4qxuYerZWgCP3QX3iG30tNpRxLMHpN0xfdUE9m"
    "yRaYxehxgb5I1NJR5ar5bgdoBvSX+1DPvLbODyZ1mioYudh9sMXjK7ALZbvvBguc5IP1kb"
    "i5C9MI31fMHYnN6B78+KPV1A9btXtg+PhmOLIhcaSSH6pOiRLJz5f8MEvXleGDoErvqqCf"
    "6g1caaACL1559pY4wSMOHKMIljlWIRc9ULVInNzYT4l+GbpC7h2n5rzN5So9sEOc0BZvYs"
    "gAx7QfVLz9oUg0ZiEWm8oeeqRQscTrGkjiAWbgH8MYXQaeL8F2rSI9qqdxM0xnfxX15jCs"
    "9UguV8XTeenT+50OYLaNnuz8V/Ck9xfBBgZPSX7T5f7oqMunu5s8ENRTCWK7KduqnD2SAF"
    "74kIUziYxW0HFW4caW2Mb/ml9FEsW/YWVMyppc2T8/qESctD923BqqtfTk/Pzi5P359dfD"
    "z/cHl5/vG9j3P0URrgn7qfCeZNVtiODoK7qUfh//to0I8HnyEJ6zu0qQ3+B3TNKgz+xl9n"
    "azSl2/TDWtNtDVnvyPf9rVEsNxGHMIEoXYEb1tU2gzoN0kFYgeuiu8OuE0MpNp2ossI7a6"
    "MbjoHZFgUlKSwYuhCsD3xpbXbC1b9T7tT+NBj0AlP7UzdsfLi//SQN35zQeY4baXbCDhPg"
    "YSKgb1Gih2hF9sMqq1cpn79bPtMApdCiV3qYhbHkVQxzQETlZEECNMJYIkI3yreUJClBM2"
    "v0udWfVQOYV6cfWKwifrfW8busQj9GkR3S9ydrscOGhoJLMZoYP8UKlE4MRiEQ+J02VEMa"
    "rtEoVKYlh9EmV3xKCqPdq8pTxYS5Epzq4Uqz8LKMYpweBsKQ1cjbIo84EGb7iGCaLs0EKY"
    "9Hmmk8LyACmk3teAZ4IAYwZ5sNWwfrL+SEDpgdhl+opo5hnIUf76sYZuHgmR+bJ6raFI9s"
    "RXRsRy+UpOiDhIcnn+KCx8NTlF0ptuwKjwctZkeo+8OeLrSMxmfo9lgj+IPBoIo5h/tWCm"
    "HwGtP+6oRWVPO4XZ/uORMXrk0/6OGUoy69EGWuv3bTlbrsEudT7somS8KRosfJQkNca7VH"
    "SH1yLeUJ0mQ4gM2F0/KKhTSBBW2gqXC5MkgOHNefNpSXJ69uU910A1rtqLNuABdniMmvEe"
    "rlktXLDujRbTzNb8unET5bGXy2yBrLirRPI5DOgLRwptllAI5OMRVzhHAeDjGUQpUiHGvK"
    "V6SkxxhmFvqzhRhWDWteuSBm9QpPm9fiaeMqCtJFs402gVMwszcEXPGjbzzdU9NLX0/TGL"
    "00/QKO7o2fQyIVsQ8vMbtnk8RHUdks57553IHCqyni70NAmUOZfLHzMFCTd/NIyG1lym0+"
    "7hFo+ZJBsvQVdhNqfOn2r6Th5/ZwLPVbgL2aoLth97Y9/Cb3Br9JwxYIXG6e3t/dsU/p5Q"
    "T9/b7fHQzlm+7nmxZgLiZoJDFPmIvwYuVxVzrl8VY6TXZWOo0mQRR2w4KYXSFOlFTCYpfq"
    "FSKpkZAoKiZRCGNtFojTjLUptS1yAHfkd3RcGwUvsoEdskpSW9+wtZk2VZJsaYHnzTRZDY"
    "Vb8tjOvAQ8GnpLcuNo6MH4ASCyzZcWzUJjwqlhqu/A3dpaENGJZJ+hD1TDMB+grseazvLp"
    "NdZyZqxt3JkfgTHVVhru2A+5CAVxMI9pc0X1ozXCD3cuy5uWLqRmglopKUJS6vditOaGGZ"
    "PomU+cY+krnd+/M+hjmWosD6V/3EujcQuEbkzQzeBWkr92R138cPN5gjqD++FIGsnt/pXc"
    "k0YjTEeoIzcnaChdS8Nhu4dlPWKoaIHQjQlq9/uD+35HusXf3ALsFZb/2tfS+BsW/ej7Ll"
    "LfGY/Ud5Ys9Z1FpD4bLlc6Hrz46RG/QFmaKk+JHSOBLnhAvkgG+SIC8koxlWWMS1Ny1p4N"
    "RTWS9pCvrU3SHlFMJqBI4tMkpamSIhO+1MoCVcM3zRJeRBEBFcKVrGvoMcuUDhDVAvZQnZ"
    "iTU45pjVsl14khz0JIYyYryy7utRd7eO57uAgR22n/OTZPHE/6zDjGDJmI9Kzy+AY0E/wq"
    "ggBZnSwiJecTDetzOE0nYbI6jUBR5hMfsxwUzzX3FQpPr+0qfWc/yAFZVnM88DutKc6BXb"
    "Sq+n13FLZo+Tdjxafrlzczhs8vawkti3hJ2QawIFKb4NnUbJtk5kBOOntF16H5kwVoWUIn"
    "GOcdaANVw7PZ9skJz2+RWtIRC0ARX0IS8btLySKZ+x2bgmk8W78CBTyYhqJOFcsGCwOPCi"
    "2Wt1Y1mjDfWsEpgD9WCp7BtIQ2NTRo1opmLeb3AcPrzV7TP5s5v5MwEQgTgTARCBNBNc5U"
    "YSJ4VeoloVMVOtVXN+nX5jxWPk0NJN0QiUjSDJGkHqedZeqzNHtN/5I87DcCRkCu+JX21X"
    "KlFj4ep+ylsJFbdmGIN9TlnQKNO6l/1e1/zrgZeWQt4H6YoKtBH7OtV67GN3seVY4z4iQt"
    "i2r4hJiuTSsuJ1SagLihqWxRHVoWC/gCOtDUjcD95hG+WND+mXMADqs7tmTvd++iQg5SV3"
    "a0DhbaIAyduxwKR2cIE3WX6jzSEbsQT+44Vl+9Zz60sEP8cS709MRx+I9qTwkp7bNgRfzr"
    "r5y+XuqEVZEGG4JZ2yZKv9gAevZxM81Es8IN8Sa2abnVNiMp0wW1ixCjiQJIB2C6UBCCOg"
    "lWx7fcefHSBM+avQDPC8V2jCluKwVZz9CEajQoI+e+eewlXofZy2EIc0lZ5hJ3fu50VIdp"
    "BVdWubM6YPogdlZSSjyT7YMlqqEaOP/UA8baxjxsgoFpu7qFIa8y3I3BlxYYfJmg+/5Q+t"
    "wdjaWhdNUC7NUEdTFOve6VPB58IWkpApfEuDgefiMmRfw2Qdftbo/04LzvpKw551HWnCcr"
    "a87DQ7mw7ZWcpD1Lr3oTIq1RSH4elW+gaRomRiuumlDyXhSkqnA6ll0NsR94DLEfkg2xH8"
    "IT2HWiiXWITMY5SFU/nAuJEjKhjTldZWZDU47ZLa51Q0nUHoYoQ4jPCOnxYZ4C8dXg/lNP"
    "AndDqdMddV2Lh88r0YdBk9NQavciRu2NcJFJfggR1sndtwRZIsUpWGX0DHt6rtZUbdEMZ/"
    "sITsUqea2SEejg3w9RohLEe9zcqgSZMi23KkHGfnoIJ9W6n0vC7YXoL6j24g0pJtcEzwtt"
    "ugAqfNKm0LtaGbo2fQEYWwv3GrE8FfEdE0RTDs6IqypVoKh4qBX9HRgazxZQTAgQxG2BM8"
    "Jqi2kD8HJYrizw3buFsED9nVvNwmSjZDtwUxTS3ywKkpaeedCZHrI7PbKwX1HKKguClZG7"
    "56aCdtNjBSmFFqvSWqzAFpdxoMO0wrZY5ZHeHF38p1OApkZKF5GrvlKIpkhBIoM6j+SzNY"
    "N6dCPITaz0OjuujYBfpmR2wAC2+BeA/n2vd0iR0hfqE2RKVujfIlSy6ga+sEcq0WEJzQhG"
    "J5JLB7Vfqb0bj7gdChEEU13RlhYtAkbUdRq04rPS5/8V23MghkS8hJBFZNjyA5zhJUOuvA"
    "z2zDp0m+4lNQq7fVl2+9fs0z2isYYjGmN4NRzc3RG7ofthgjrtfkfqUVui/zEX82LuvuDB"
    "JZlFkAlSHo/ESn44oAo259e3wL/XGiQx22vTIvU6yEljzGZ841MnYcf1pclsZ2bpauNvno"
    "eJWYeKBWXjGcWx48nKtxBZ/Yyf+RuZHcjWyNZi8pCn72MhUqGPqfIWJYI3XsUwk+N5hzFm"
    "yMQyrvL4kkg9mbpSZToXA1T1OxYL8QkSGuwCNNgiy+JBI2WFAaFgA4JI/1dQ+j9hUijQpC"
    "CKCJdYRDiiNpJ1Yx5zHGYMFGWiGmuCeeFxou7ST7RmeRvDVluW35DLkuXU1MILSHfG9SfL"
    "sTzZxiNE7wBxb6QfSWktZ4xawIRzzbIhwRFoNlgaT5Dk1Yy3Y+X9BRn9GKm0YUG48WMM3h"
    "GujGW6MtKRziIs+gT5WJcOC27xWeNIcsmZYS53teax9FV2FW10B6MWwC8kbejVcNC9IhlD"
    "6YdqGOToXvyo7V4uPNBBiabV685tVrMqJmkB/DJBN/ft36RuCzjvE/R7tz24xdfO+wQN7u"
    "4GLUBeJ+hr9yv+TF5Jetn+YEgyy+K3aowfPrV2cbgOkVV5Ce24bZ3x7FpnyZvWWWTP0o2p"
    "omeK3txQlLgw/rN42+lnXRqfOnfgw+UuU/qMJwT5LDkE+SwSgiyMLonQ104p77G3GQc6TC"
    "uGutJDLRSowgO7LuonN1wyhyRlTDBpPZSoccHqZadzOxaoitbS3ZlwBk2abTpBU8e0aG7V"
    "1q2Cjbdq7NpMfPHC0KaQJlwjPuFesZFfATJIKRuwhApyVW2ahZtEtXP7dhbrT85sBn79k7"
    "AzudC5lalzE2VsRBmblDI2dB+CiIxVnB9EWo2DMGmJlQ4OIyHkWOhgvVJ3lMaDlEJEEyJa"
    "pUdTiGjHLaIVyVH/g4Ts3JCInThumnmayknTwB954TfMwkUzQUMhZpfGVDrjBU5PW+/fv3"
    "1/iV9JzcnRQkHzhaIButOm8dU5dD9Btxpa29AClkZKxVDlN1hqKtLmC7sJLIP29YxnIO4c"
    "c+ckxSqBBihT07AsoGqKDqd2YgyoYM4PyJzvxngdhufycD9angsfAqYtL+lyiiKeHh0Xpq"
    "3T2ZxLHlak7ohskFLgGqoyis+A/xgoW5VRhqZEC2nb0pS/eIdXRkvpjtbo/EMQhVy2yyYt"
    "5LJj80UrQirLIkRsk+AGCI4N/FKw/HbQQShGettLImtDU5suGjHSmPukmSaJKZs224SwZJ"
    "CEiFItEWUHN7h6u8CdnvP4ZuFWyQGe5xHvLLKoMiDsNq8huidc4bMnKeGzJ9HwWfyNdmwN"
    "5+SqwgxJ+TW1D8PF5VYyeC/OYN/D7M//B5LL96s="
)
